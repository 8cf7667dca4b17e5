package dev.ledgerline.webhooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event whose webhook never came is found in Stripe's event list and applied once; a webhook of
 * the same event arriving later is a duplicate.
 */
@MicronautTest
class MissedEventSweeperIT extends StripeMockProxyTestSupport {

    @Inject
    MissedEventSweeper sweeper;

    @Test
    void aMissedEventIsAppliedOnceWhicheverPathBringsItFirst() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String setupIntent = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId())
                        .getLastResponse().body())
                .set("customer", customerOf(login)).set("status", "succeeded").set("payment_method", pm).json();
        String eventId = StripeEvents.newEventId();
        long createdAt = clock.instant().getEpochSecond() - 60;
        String event = StripeEvents.event(eventId, "setup_intent.succeeded", setupIntent, createdAt);
        JsonArray data = new JsonArray();
        data.add(JsonParser.parseString(event));
        String list = "{\"object\":\"list\",\"url\":\"/v1/events\",\"has_more\":false,\"data\":" + data + "}";
        // Stripe's event list holds the event; its webhook never reached us.
        proxy.rewrite("/v1/events", json -> list);

        MissedEventSweeper.Run first = sweeper.runOnce();
        assertEquals(1, first.applied());
        assertTrue(new PaymentMethodsApi(as(login)).listPaymentMethods().getData().stream().anyMatch(m -> m.getId().equals(pm)));

        MissedEventSweeper.Run second = sweeper.runOnce();
        assertEquals(0, second.applied());
        assertEquals(1, second.alreadyHandled(), "read again (same second), and dropped by the inbox");
        assertTrue(deliver(eventId, "setup_intent.succeeded", setupIntent, createdAt).getDuplicate(), "the late webhook changes nothing");
        assertEquals(1, new PaymentMethodsApi(as(login)).listPaymentMethods().getData().size());
        assertTrue(proxy.requests().stream().anyMatch(r -> r.startsWith("GET /v1/events?") && r.contains("created")),
                "asked from its checkpoint");
    }
}
