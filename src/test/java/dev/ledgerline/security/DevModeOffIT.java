package dev.ledgerline.security;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.TableDefinition;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outside dev mode (as in production: application-test.yml already gives the table, the Stripe
 * keys and a service key) {@code /api/billing/_dev/*} does not exist for anyone, and the internal
 * endpoints still take the service key and nothing else. Sign-up is switched on only to have a
 * session to try with; the table is deployed, not created by the service, so the test creates it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "billing.dev-mode", value = "false")
@Property(name = "billing.signup-enabled", value = "true")
class DevModeOffIT extends ApiTestSupport {

    @Inject
    BillingTable table;

    @BeforeAll
    void deployTheTable() {
        table.client().createTable(TableDefinition.createRequest(table.name()));
        table.client().waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(table.name()).build());
    }

    private Map<String, String> sessionHeaders(LoginResponse login) {
        return Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken());
    }

    @Test
    void devEndpointsAreNotFoundEvenWithAValidSession() throws ApiException {
        LoginResponse login = signupAndLogin();
        Problem problem = expectProblem(404, () -> new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan")));
        assertEquals("not_found", problem.getCode());
        assertTrue(allEntries(login).isEmpty(), "nothing was charged");

        URI base = URI.create(server.getURL().toString());
        // A body the dev endpoint would refuse, or no body at all, must not tell that the route exists.
        for (String body : new String[]{"{\"amount\":-1,\"description\":\"x\"}", "{}", "not json"}) {
            HttpResponse<String> answer = RawHttp.post(base, "/api/billing/_dev/add-charge", "application/json", body, sessionHeaders(login));
            assertEquals(404, answer.statusCode(), () -> body + " -> " + answer.body());
            assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        }
        HttpResponse<String> other = RawHttp.post(base, "/api/billing/_dev/anything", "application/json", "{}", sessionHeaders(login));
        assertEquals(404, other.statusCode(), other::body);
        assertTrue(allEntries(login).isEmpty(), "nothing was charged");
    }

    @Test
    void withoutASessionTheDevPathAnswersLikeAnyOtherBillingPath() {
        Problem dev = expectProblem(401, () -> new DevApi(anonymous()).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan")));
        assertEquals("unauthorized", dev.getCode());
        HttpResponse<String> nowhere = RawHttp.post(URI.create(server.getURL().toString()), "/api/billing/no-such-endpoint",
                "application/json", "{}", Map.of());
        assertEquals(401, nowhere.statusCode(), nowhere::body);
    }

    @Test
    void internalEndpointsTakeTheServiceKeyAndNothingElse() throws ApiException {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        expectProblem(401, () -> new InternalApi(anonymous()).getInternalBalance(account));
        expectProblem(401, () -> new InternalApi(as(login)).getInternalBalance(account));
        expectProblem(401, () -> new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY + "0"))).getInternalBalance(account));
        assertEquals(0, new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY))).getInternalBalance(account).getBalance());
    }
}
