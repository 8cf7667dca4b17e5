package dev.ledgerline.auth;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.ConfigApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every way a request can lack a valid session gets the same 401 problem. */
@MicronautTest
class SessionRequiredIT extends ApiTestSupport {

    private void assertRefused(ApiClient client) {
        Problem onConfig = expectProblem(401, () -> new ConfigApi(client).getBillingConfig());
        assertEquals("unauthorized", onConfig.getCode());
        expectProblem(401, () -> new AuthApi(client).getSession());
        expectProblem(401, () -> new AuthApi(client).logout());
    }

    @Test
    void noHeaders() {
        assertRefused(anonymous());
    }

    @Test
    void tokenWithoutSessionId() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertRefused(withHeaders(Map.of("Authorization", "Bearer " + login.getToken())));
    }

    @Test
    void sessionIdWithoutToken() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertRefused(withHeaders(Map.of("X-SESSION-ID", login.getSessionId())));
    }

    @Test
    void wrongToken() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertRefused(withHeaders(Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer not-the-token")));
        // Not a bearer scheme at all.
        assertRefused(withHeaders(Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Basic " + login.getToken())));
    }

    @Test
    void anotherSessionsToken() throws ApiException {
        LoginResponse mine = signupAndLogin();
        LoginResponse theirs = signupAndLogin();
        assertRefused(withHeaders(Map.of("X-SESSION-ID", mine.getSessionId(), "Authorization", "Bearer " + theirs.getToken())));
    }

    @Test
    void unknownSessionId() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertRefused(withHeaders(Map.of("X-SESSION-ID", "sess_doesnotexist", "Authorization", "Bearer " + login.getToken())));
    }

    @Test
    void expiredSession() throws ApiException {
        LoginResponse login = signupAndLogin();
        new ConfigApi(as(login)).getBillingConfig();
        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertRefused(as(login));
    }

    @Test
    void loggedOutSession() throws ApiException {
        LoginResponse login = signupAndLogin();
        new AuthApi(as(login)).logout();
        assertRefused(as(login));
    }

    @Test
    void validSessionIsAccepted() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertEquals(login.getAccountId(), new AuthApi(as(login)).getSession().getAccountId());
    }
}
