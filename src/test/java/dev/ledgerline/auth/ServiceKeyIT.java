package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/internal/** accepts only a configured service key: never a session, never a wrong key. */
@MicronautTest
class ServiceKeyIT extends ApiTestSupport {

    @Test
    void internalEndpointsRefuseAnythingButAServiceKey() throws ApiException {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();

        Problem none = expectProblem(401, () -> new InternalApi(anonymous()).getInternalBalance(account));
        assertEquals("unauthorized", none.getCode());
        expectProblem(401, () -> new InternalApi(as(login)).getInternalBalance(account));
        expectProblem(401, () -> new InternalApi(withHeaders(Map.of("Authorization", "Bearer test-service-key-0123456789abcdeX")))
                .getInternalBalance(account));
        expectProblem(401, () -> new InternalApi(withHeaders(Map.of("Authorization", "test-service-key-0123456789abcdef")))
                .getInternalBalance(account));
    }
}
