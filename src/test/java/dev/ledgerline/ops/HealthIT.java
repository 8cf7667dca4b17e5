package dev.ledgerline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.Leaks;
import dev.ledgerline.support.PrometheusScrape;
import dev.ledgerline.support.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /health against the emulators: readiness holds the DynamoDB and Stripe indicators, liveness
 * neither; the details name no infrastructure and no secret; Stripe is asked once per cache period
 * however often the load balancer polls.
 */
@MicronautTest
class HealthIT extends ApiTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BillingSettings billing;

    @Inject
    StripeSettings stripe;

    static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void readinessChecksTheTableAndStripe() throws Exception {
        HttpResponse<String> readiness = RawHttp.get(baseUri(), "/health/readiness");
        assertEquals(200, readiness.statusCode(), readiness.body());
        JsonNode health = body(readiness);
        assertEquals("UP", health.get("status").asText());
        assertEquals("UP", health.at("/details/dynamodb/status").asText(), readiness.body());
        assertEquals("UP", health.at("/details/stripe/status").asText(), readiness.body());
    }

    @Test
    void livenessDependsOnNothingOutside() throws Exception {
        HttpResponse<String> liveness = RawHttp.get(baseUri(), "/health/liveness");
        assertEquals(200, liveness.statusCode(), liveness.body());
        assertEquals("UP", body(liveness).get("status").asText());
        assertFalse(liveness.body().contains("dynamodb"), liveness.body());
        assertFalse(liveness.body().contains("stripe"), liveness.body());
    }

    @Test
    void theWholeHealthNamesNoInfrastructureAndNoSecret() throws Exception {
        for (String path : List.of("/health", "/health/readiness", "/health/liveness")) {
            HttpResponse<String> health = RawHttp.get(baseUri(), path);
            assertEquals(200, health.statusCode(), health.body());
            String text = health.body();
            assertFalse(text.contains(billing.tableName()), path + " names the table");
            assertFalse(text.contains(stripe.apiBase()), path + " names the Stripe API base");
            assertFalse(text.contains("127.0.0.1") || text.contains("localhost"), path + " names a host");
            assertEquals(List.of(), Leaks.inResponse(text, List.of()), path);
        }
        assertEquals("UP", body(RawHttp.get(baseUri(), "/health")).at("/details/stripe/status").asText());
    }

    @Test
    void pollingReadinessAsksStripeOncePerCachePeriod() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, RawHttp.get(baseUri(), "/health/readiness").statusCode());
            assertEquals(200, RawHttp.get(baseUri(), "/health").statusCode());
        }
        double probes = PrometheusScrape.of(baseUri()).sum("ledgerline_stripe_calls_seconds_count", Map.of("operation", "balance.retrieve"));
        assertEquals(1.0, probes, "one balance read for twenty polls within 30 s");
    }
}
