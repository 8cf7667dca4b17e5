package dev.ledgerline.subscriptions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.SubscriptionsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Subscription;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Keys;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** customer.subscription.* events (stripe-mock's Subscription, edited per event) and the list they feed. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionsIT extends ApiTestSupport {

    private static final String CREATED = "customer.subscription.created";
    private static final String UPDATED = "customer.subscription.updated";
    private static final String DELETED = "customer.subscription.deleted";

    @Inject
    AccountRepo accounts;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BillingSettings settings;

    private String subscriptionFromEmulator;

    @BeforeAll
    void objectFromTheEmulator() throws Exception {
        subscriptionFromEmulator = StripeEvents.stripeMock().v1().subscriptions().retrieve("sub_x").getLastResponse().body();
    }

    /** Signing up makes no Stripe customer; starting a card setup does, as in the product. */
    private String customerOf(LoginResponse login) throws ApiException {
        new PaymentMethodsApi(as(login)).createCardSetupIntent();
        return accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId();
    }

    private static String newSubscriptionId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The emulator's subscription as Stripe would report it in one event; {@code priceId} null means no items. */
    private String subscription(String id, String customer, String status, String priceId, long periodEnd,
                                boolean cancelAtPeriodEnd) {
        JsonObject object = JsonParser.parseString(subscriptionFromEmulator).getAsJsonObject();
        JsonArray items = object.getAsJsonObject("items").getAsJsonArray("data");
        if (priceId == null) {
            items.asList().clear();
        } else {
            JsonObject item = items.get(0).getAsJsonObject();
            item.addProperty("subscription", id);
            item.addProperty("current_period_end", periodEnd);
            item.getAsJsonObject("price").addProperty("id", priceId);
        }
        return StripeObjects.of(object.toString())
                .set("id", id)
                .set("customer", customer)
                .set("status", status)
                .set("cancel_at_period_end", new com.google.gson.JsonPrimitive(cancelAtPeriodEnd))
                .json();
    }

    private List<Subscription> list(LoginResponse login) throws ApiException {
        return new SubscriptionsApi(as(login)).listSubscriptions().getData();
    }

    private Subscription only(LoginResponse login) throws ApiException {
        List<Subscription> all = list(login);
        assertEquals(1, all.size(), () -> "subscriptions: " + all);
        return all.get(0);
    }

    private static OffsetDateTime utc(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).atOffset(ZoneOffset.UTC);
    }

    @Test
    void createdThenNewerUpdateShowsTheChanges() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        String id = newSubscriptionId("sub_test");
        long t = StripeEvents.now();
        long periodEnd = t + 30 * 86400;

        deliver(StripeEvents.newEventId(), CREATED, subscription(id, customer, "active", "price_basic", periodEnd, false), t);
        Subscription created = only(login);
        assertEquals(id, created.getId());
        assertEquals("active", created.getStatus());
        assertEquals("price_basic", created.getPriceId());
        assertEquals(utc(periodEnd), created.getCurrentPeriodEnd());
        assertEquals(ZoneOffset.UTC, created.getCurrentPeriodEnd().getOffset());
        assertFalse(created.getCancelAtPeriodEnd());

        deliver(StripeEvents.newEventId(), UPDATED, subscription(id, customer, "past_due", "price_pro", periodEnd + 86400, true), t + 10);
        Subscription updated = only(login);
        assertEquals("past_due", updated.getStatus());
        assertEquals("price_pro", updated.getPriceId());
        assertEquals(utc(periodEnd + 86400), updated.getCurrentPeriodEnd());
        assertTrue(updated.getCancelAtPeriodEnd());
    }

    @Test
    void anOlderUpdateArrivingLateDoesNotOverwrite() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        String id = newSubscriptionId("sub_test");
        long t = StripeEvents.now();

        deliver(StripeEvents.newEventId(), CREATED, subscription(id, customer, "incomplete", "price_basic", t + 100, false), t);
        deliver(StripeEvents.newEventId(), UPDATED, subscription(id, customer, "past_due", "price_pro", t + 300, true), t + 20);
        deliver(StripeEvents.newEventId(), UPDATED, subscription(id, customer, "active", "price_basic", t + 200, false), t + 10);
        // A created event that Stripe retried long after the updates is older news too.
        deliver(StripeEvents.newEventId(), CREATED, subscription(id, customer, "incomplete", "price_basic", t + 100, false), t);

        Subscription kept = only(login);
        assertEquals("past_due", kept.getStatus());
        assertEquals("price_pro", kept.getPriceId());
        assertEquals(utc(t + 300), kept.getCurrentPeriodEnd());
        assertTrue(kept.getCancelAtPeriodEnd());
    }

    @Test
    void deletedIsStoredAsCanceledAndStaysSo() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        String id = newSubscriptionId("sub_test");
        long t = StripeEvents.now();

        deliver(StripeEvents.newEventId(), CREATED, subscription(id, customer, "active", "price_basic", t + 100, false), t);
        deliver(StripeEvents.newEventId(), DELETED, subscription(id, customer, "canceled", "price_basic", t + 100, false), t + 5);
        assertEquals("canceled", only(login).getStatus());

        deliver(StripeEvents.newEventId(), UPDATED, subscription(id, customer, "active", "price_basic", t + 100, false), t + 4);
        assertEquals("canceled", only(login).getStatus(), "an older update does not revive it");
    }

    @Test
    void withinOneSecondTheDeletionWinsInEitherOrder() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        long t = StripeEvents.now();
        String updateFirst = newSubscriptionId("sub_a");
        String deleteFirst = newSubscriptionId("sub_b");

        deliver(StripeEvents.newEventId(), UPDATED, subscription(updateFirst, customer, "active", "price_basic", t + 100, true), t);
        deliver(StripeEvents.newEventId(), DELETED, subscription(updateFirst, customer, "canceled", "price_basic", t + 100, true), t);
        deliver(StripeEvents.newEventId(), DELETED, subscription(deleteFirst, customer, "canceled", "price_basic", t + 100, true), t);
        deliver(StripeEvents.newEventId(), UPDATED, subscription(deleteFirst, customer, "active", "price_basic", t + 100, true), t);

        List<Subscription> all = list(login);
        assertEquals(List.of(updateFirst, deleteFirst), all.stream().map(Subscription::getId).toList(), "ordered by id");
        assertEquals(List.of("canceled", "canceled"), all.stream().map(Subscription::getStatus).toList());
    }

    @Test
    void theListIsOrderedByIdAndShowsMissingItemsAsNull() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        String second = newSubscriptionId("sub_b");
        String first = newSubscriptionId("sub_a");
        long t = StripeEvents.now();

        deliver(StripeEvents.newEventId(), CREATED, subscription(second, customer, "active", "price_basic", t + 100, false), t);
        deliver(StripeEvents.newEventId(), CREATED, subscription(first, customer, "incomplete", null, 0, false), t);

        List<Subscription> all = list(login);
        assertEquals(List.of(first, second), all.stream().map(Subscription::getId).toList());
        assertNull(all.get(0).getPriceId());
        assertNull(all.get(0).getCurrentPeriodEnd());
    }

    @Test
    void aRepeatedDeliveryIsAcknowledgedAsDuplicate() throws Exception {
        LoginResponse login = signupAndLogin();
        String customer = customerOf(login);
        String id = newSubscriptionId("sub_test");
        long t = StripeEvents.now();
        String eventId = StripeEvents.newEventId();
        String object = subscription(id, customer, "active", "price_basic", t + 100, false);

        assertFalse(deliver(eventId, CREATED, object, t).getDuplicate());
        assertTrue(deliver(eventId, CREATED, object, t).getDuplicate());
        assertEquals(1, list(login).size());
        assertEquals("active", only(login).getStatus());
    }

    @Test
    void anotherAccountSeesNone() throws Exception {
        LoginResponse owner = signupAndLogin();
        deliver(StripeEvents.newEventId(), CREATED,
                subscription(newSubscriptionId("sub_test"), customerOf(owner), "active", "price_basic", StripeEvents.now() + 100, false),
                StripeEvents.now());
        assertEquals(1, list(owner).size());

        LoginResponse other = signupAndLogin();
        customerOf(other);
        assertTrue(list(other).isEmpty());
    }

    @Test
    void anUnknownCustomerIsIgnored() throws Exception {
        String eventId = StripeEvents.newEventId();
        assertFalse(deliver(eventId, CREATED, subscription(newSubscriptionId("sub_test"), "cus_nobody" + UUID.randomUUID(),
                "active", "price_basic", StripeEvents.now() + 100, false), StripeEvents.now()).getDuplicate());

        var inbox = dynamo.getItem(GetItemRequest.builder()
                .tableName(settings.tableName())
                .key(Attr.key(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK))
                .consistentRead(true)
                .build()).item();
        assertEquals("ignored", inbox.get("status").s());
    }
}
