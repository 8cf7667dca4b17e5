package dev.ledgerline.webhooks;

import com.stripe.model.SetupIntent;
import com.stripe.param.SetupIntentCreateParams;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.WebhookAck;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Gzip;
import dev.ledgerline.store.Keys;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class WebhookIT extends ApiTestSupport {

    private static final String SECRET = WEBHOOK_SECRET;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BillingSettings settings;

    private String setupIntentJson;

    @BeforeEach
    void objectFromTheEmulator() throws Exception {
        SetupIntent intent = StripeEvents.stripeMock().v1().setupIntents().create(SetupIntentCreateParams.builder()
                .addPaymentMethodType("card")
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .build());
        setupIntentJson = intent.getLastResponse().body();
        assertTrue(setupIntentJson.contains("\"object\": \"setup_intent\"") || setupIntentJson.contains("\"object\":\"setup_intent\""));
    }

    private StripeWebhooksApi webhooks() {
        return new StripeWebhooksApi(anonymous());
    }

    private List<Map<String, AttributeValue>> inboxItems(String eventId) {
        return dynamo.query(QueryRequest.builder()
                .tableName(settings.tableName())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.stripeEvent(eventId))))
                .consistentRead(true)
                .build()).items();
    }

    @Test
    void goodSignatureIsAcceptedAndRecorded() throws ApiException {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.created", setupIntentJson, StripeEvents.now());

        WebhookAck ack = webhooks().receiveStripeWebhook(payload, StripeEvents.sign(payload, SECRET, StripeEvents.now()));
        assertTrue(ack.getReceived());
        assertFalse(ack.getDuplicate());

        List<Map<String, AttributeValue>> items = inboxItems(id);
        assertEquals(1, items.size());
        assertEquals("setup_intent.created", items.get(0).get("type").s());
        // No handler takes this type yet: recorded, and marked ignored rather than failed.
        assertEquals("ignored", items.get(0).get("status").s());
        assertEquals(payload, Gzip.decompress(items.get(0).get("payloadGz").b()));
    }

    @Test
    void duplicateDeliveryIsRecordedOnce() throws ApiException {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());

        assertFalse(webhooks().receiveStripeWebhook(payload, StripeEvents.sign(payload, SECRET, StripeEvents.now())).getDuplicate());
        // Stripe re-sends with a fresh signature; the event id is what makes it the same event.
        WebhookAck again = webhooks().receiveStripeWebhook(payload, StripeEvents.sign(payload, SECRET, StripeEvents.now() + 1));
        assertTrue(again.getReceived());
        assertTrue(again.getDuplicate());

        List<Map<String, AttributeValue>> items = inboxItems(id);
        assertEquals(1, items.size());
        assertEquals("1", items.get(0).get("attempts").n());
    }

    @Test
    void concurrentDeliveriesOfOneEventClaimItOnce() throws Exception {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());
        String signature = StripeEvents.sign(payload, SECRET, StripeEvents.now());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> deliveries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deliveries.add(() -> {
                    try {
                        return webhooks().receiveStripeWebhook(payload, signature).getDuplicate() ? "duplicate" : "claimed";
                    } catch (ApiException e) {
                        // While the claiming delivery is still at work the others are asked to come back (no 2xx yet).
                        assertEquals(503, e.getCode(), e::getResponseBody);
                        assertTrue(e.getResponseBody().contains("event_in_progress"), e::getResponseBody);
                        return "in_progress";
                    }
                });
            }
            long firsts = 0;
            for (Future<String> result : pool.invokeAll(deliveries)) {
                if (result.get().equals("claimed")) {
                    firsts++;
                }
            }
            assertEquals(1, firsts, "exactly one delivery claims the event");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, inboxItems(id).size());
    }

    @Test
    void forgedSignatureIsRefusedAndNothingWritten() {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());
        Problem problem = expectProblem(400, () -> webhooks().receiveStripeWebhook(payload,
                StripeEvents.sign(payload, "whsec_someone_else", StripeEvents.now())));
        assertEquals("signature_invalid", problem.getCode());
        assertTrue(inboxItems(id).isEmpty());
    }

    @Test
    void staleSignatureIsRefusedAndNothingWritten() {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());
        Problem problem = expectProblem(400, () -> webhooks().receiveStripeWebhook(payload,
                StripeEvents.sign(payload, SECRET, StripeEvents.now() - 301)));
        assertEquals("signature_invalid", problem.getCode());
        assertTrue(inboxItems(id).isEmpty());
    }

    @Test
    void missingSignatureIsRefusedAndNothingWritten() {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());
        Problem problem = expectProblem(400, () -> webhooks().receiveStripeWebhook(payload, null));
        assertEquals("signature_missing", problem.getCode());
        expectProblem(400, () -> webhooks().receiveStripeWebhook(payload, "garbage"));
        assertTrue(inboxItems(id).isEmpty());
    }

    @Test
    void signatureOverAChangedBodyIsRefused() {
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "setup_intent.succeeded", setupIntentJson, StripeEvents.now());
        String signature = StripeEvents.sign(payload, SECRET, StripeEvents.now());
        String tampered = payload.replace("setup_intent.succeeded", "setup_intent.setup_failed");
        expectProblem(400, () -> webhooks().receiveStripeWebhook(tampered, signature));
        assertTrue(inboxItems(id).isEmpty());
    }

    @Test
    void signedNonEventIsRefused() {
        String payload = "{\"hello\": \"world\"}";
        Problem problem = expectProblem(400, () -> webhooks().receiveStripeWebhook(payload,
                StripeEvents.sign(payload, SECRET, StripeEvents.now())));
        assertEquals("invalid_event", problem.getCode());
    }
}
