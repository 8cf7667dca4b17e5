package dev.ledgerline.webhooks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.client.model.WebhookAck;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Gzip;
import dev.ledgerline.store.Keys;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How deliveries of one event relate: Stripe stops retrying at the first 2xx, so a 2xx may only be
 * given once the event's effect is certain; and only events of this deployment (test or live mode,
 * our own account rather than a connected one) take effect.
 */
@MicronautTest
class WebhookDeliveryIT extends ApiTestSupport {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BillingSettings settings;

    @Inject
    AccountRepo accounts;

    /** A succeeded SetupIntent of this account's customer, as stripe-mock returns it, and the method it saves. */
    private record Setup(String json, String paymentMethodId) {
    }

    private Setup succeededSetup(LoginResponse login) throws Exception {
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String json = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId())
                        .getLastResponse().body())
                .set("customer", accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId())
                .set("status", "succeeded")
                .set("payment_method", pm)
                .json();
        return new Setup(json, pm);
    }

    private boolean stored(LoginResponse login, String paymentMethodId) throws ApiException {
        return new PaymentMethodsApi(as(login)).listPaymentMethods().getData().stream().anyMatch(m -> m.getId().equals(paymentMethodId));
    }

    private WebhookAck send(String payload) throws ApiException {
        return new StripeWebhooksApi(anonymous()).receiveStripeWebhook(payload,
                StripeEvents.sign(payload, WEBHOOK_SECRET, clock.instant().getEpochSecond()));
    }

    private Map<String, AttributeValue> inboxItem(String eventId) {
        return dynamo.getItem(GetItemRequest.builder().tableName(settings.tableName())
                .key(Attr.key(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK)).consistentRead(true).build()).item();
    }

    /** The inbox row another delivery (on this or another instance) leaves while it is still processing the event. */
    private void claimedByAnotherDelivery(String eventId, String type, String payload) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK));
        item.put("eventId", Attr.s(eventId));
        item.put("type", Attr.s(type));
        item.put("payloadGz", AttributeValue.fromB(Gzip.compress(payload)));
        item.put("status", Attr.s("processing"));
        item.put("attempts", Attr.n(1));
        item.put("claimedAt", Attr.n(clock.instant().toEpochMilli()));
        dynamo.putItem(PutItemRequest.builder().tableName(settings.tableName()).item(item).build());
    }

    @Test
    void aDeliveryWhileAnotherIsStillProcessingIsAskedToComeBack_notAcknowledged() throws Exception {
        LoginResponse login = signupAndLogin();
        Setup setup = succeededSetup(login);
        String eventId = StripeEvents.newEventId();
        String payload = StripeEvents.event(eventId, "setup_intent.succeeded", setup.json(), StripeEvents.now());
        claimedByAnotherDelivery(eventId, "setup_intent.succeeded", payload);

        // A 2xx here would end Stripe's retries, though the other delivery may yet fail.
        Problem busy = expectProblem(503, () -> send(payload));
        assertEquals("event_in_progress", busy.getCode());
        assertFalse(stored(login, setup.paymentMethodId()));

        // The other delivery failed; Stripe's next retry takes the event over and applies it.
        dynamo.putItem(PutItemRequest.builder().tableName(settings.tableName())
                .item(new HashMap<>(inboxItem(eventId)) {{ put("status", Attr.s("failed")); }}).build());
        WebhookAck retried = send(payload);
        assertFalse(retried.getDuplicate());
        assertTrue(stored(login, setup.paymentMethodId()));
        assertEquals("processed", inboxItem(eventId).get("status").s());

        // Once it is done, a further delivery is a duplicate (2xx: nothing left to do).
        assertTrue(send(payload).getDuplicate());
    }

    private static String withEventField(String payload, String field, Object value) {
        JsonObject event = JsonParser.parseString(payload).getAsJsonObject();
        if (value instanceof Boolean b) {
            event.addProperty(field, b);
        } else {
            event.addProperty(field, String.valueOf(value));
        }
        return event.toString();
    }

    /** A succeeded setup of this account, in an event with {@code field} set to {@code value}: recorded, not applied. */
    private void assertRecordedButNotApplied(String field, Object value, String why) throws Exception {
        LoginResponse login = signupAndLogin();
        Setup setup = succeededSetup(login);
        String eventId = StripeEvents.newEventId();
        String payload = withEventField(StripeEvents.event(eventId, "setup_intent.succeeded", setup.json(), StripeEvents.now()),
                field, value);

        assertFalse(send(payload).getDuplicate());
        assertFalse(stored(login, setup.paymentMethodId()), why);
        assertEquals("ignored", inboxItem(eventId).get("status").s());
    }

    @Test
    void aLiveModeEventDoesNotTouchATestModeDeployment() throws Exception {
        assertRecordedButNotApplied("livemode", true, "the service runs on a test key: a live event is not its own");
    }

    @Test
    void anEventOfAConnectedAccountIsNotOurs() throws Exception {
        assertRecordedButNotApplied("account", "acct_1ConnectedElsewhere", "a Connect event reports another Stripe account's objects");
    }

    @Test
    void theSameEventInTestModeOfOurOwnAccountTakesEffect() throws Exception {
        LoginResponse login = signupAndLogin();
        Setup setup = succeededSetup(login);
        String payload = StripeEvents.event(StripeEvents.newEventId(), "setup_intent.succeeded", setup.json(), StripeEvents.now());
        assertFalse(send(payload).getDuplicate());
        assertTrue(stored(login, setup.paymentMethodId()));
    }
}
