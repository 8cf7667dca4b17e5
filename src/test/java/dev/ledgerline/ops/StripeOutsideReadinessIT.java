package dev.ledgerline.ops;

import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.ledgerline.ops.HealthIT.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With billing.health.stripe-readiness=false an unreachable Stripe leaves the instance ready. */
@MicronautTest
@Property(name = "stripe.api-base", value = "http://127.0.0.1:9")
@Property(name = "billing.health.stripe-readiness", value = "false")
class StripeOutsideReadinessIT extends ApiTestSupport {

    @Test
    void readyWithoutAskingStripe() throws Exception {
        HttpResponse<String> readiness = RawHttp.get(baseUri(), "/health/readiness");
        assertEquals(200, readiness.statusCode(), readiness.body());
        assertEquals("UP", body(readiness).at("/details/dynamodb/status").asText());
        assertFalse(readiness.body().contains("stripe"), readiness.body());
    }
}
