package dev.ledgerline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.ledgerline.ops.HealthIT.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stripe unreachable (its API base is a closed port): the instance is not ready, so a load
 * balancer stops sending it payments, but it is alive, so nothing restarts it; the store is UP.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeDownHealthIT extends ApiTestSupport implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return Map.of("stripe.api-base", "http://127.0.0.1:" + closedPort());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void notReadyButAlive() throws Exception {
        HttpResponse<String> readiness = RawHttp.get(baseUri(), "/health/readiness");
        assertEquals(503, readiness.statusCode(), readiness.body());
        JsonNode ready = body(readiness);
        assertEquals("DOWN", ready.get("status").asText());
        assertEquals("DOWN", ready.at("/details/stripe/status").asText(), readiness.body());
        assertEquals("unavailable", ready.at("/details/stripe/details/reason").asText(), readiness.body());
        assertEquals("UP", ready.at("/details/dynamodb/status").asText(), readiness.body());

        HttpResponse<String> liveness = RawHttp.get(baseUri(), "/health/liveness");
        assertEquals(200, liveness.statusCode(), liveness.body());
        assertEquals("UP", body(liveness).get("status").asText());

        assertEquals(503, RawHttp.get(baseUri(), "/health").statusCode(), "the whole health is DOWN too");
    }
}
