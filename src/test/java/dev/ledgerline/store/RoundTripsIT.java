package dev.ledgerline.store;

import com.stripe.param.PaymentIntentCreateParams;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.DynamoRoundTrips;
import dev.ledgerline.support.StripeEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB round trips per request, counted at the SDK: deterministic, so asserted. The budgets
 * hold however long the ledger is, since the balance is one item, and whether or not the session
 * is still in the session cache. Request units (what DynamoDB bills) follow from item sizes and are
 * as deterministic: each item here is under 1 KB (a write unit) and 4 KB (a read unit), and a
 * transaction bills twice.
 */
@MicronautTest
class RoundTripsIT extends ApiTestSupport {

    @Inject
    DynamoRoundTrips roundTrips;

    @Test
    void balanceAndChargesStayWithinTheirBudgets() throws Exception {
        LoginResponse login = signupAndLogin();
        DevApi dev = new DevApi(as(login));
        LedgerApi ledger = new LedgerApi(as(login));
        InternalApi internal = new InternalApi(withHeaders(Map.of("Authorization", "Bearer test-service-key-0123456789abcdef")));
        for (int i = 0; i < 30; i++) {
            dev.devAddCharge(new ChargeRequest().amount(100L).description("warm-up " + i));
        }

        // The session was read (and cached) by the charges just made.
        roundTrips.reset();
        ledger.getBalance();
        assertEquals(List.of("GetItemRequest"), roundTrips.operations(), "balance row; the session is cached");
        assertUnits(1, 0, "one strongly consistent read of the balance row");

        // Once the cached copy is older than billing.session-cache.ttl (2 s), the session is read again.
        Thread.sleep(2_100);
        roundTrips.reset();
        ledger.getBalance();
        List<String> balance = roundTrips.operations();
        assertEquals(List.of("GetItemRequest", "GetItemRequest"), balance, "session + balance row");
        assertUnits(2, 0, "session + balance row");

        Thread.sleep(2_100);
        roundTrips.reset();
        dev.devAddCharge(new ChargeRequest().amount(250L).description("Pro plan"));
        List<String> addCharge = roundTrips.operations();
        assertEquals(List.of("GetItemRequest", "GetItemRequest", "TransactWriteItemsRequest"), addCharge,
                "session + the account's event sequence + one transaction");

        roundTrips.reset();
        internal.postInternalCharge(login.getAccountId(), "inv-1", new ChargeRequest().amount(250L).description("Invoice 1"));
        List<String> internalCharge = roundTrips.operations();
        assertTrue(internalCharge.size() <= 2, () -> "internal charge: " + internalCharge);
        assertEquals(List.of("GetItemRequest", "TransactWriteItemsRequest"), internalCharge,
                "the event sequence, then one transaction (the account check is a condition inside it)");
        // 7 items x 2 (account check, marker, entry, audit record, balance, event sequence, outbox event),
        // plus the audit record on GSI2 and the outbox event on GSI1 and GSI2.
        assertUnits(1, 17, "internal charge");
    }

    @Test
    void aWebhooksInboxRowIsBilledOneWriteUnitPerWrite() throws Exception {
        // A Stripe event as Stripe sends it (pretty-printed, the object in full) is over a kilobyte:
        // stored as it came, its inbox row would bill 2 write units on the claim and 2 on the finish.
        String intentJson = StripeEvents.stripeMock().v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2500L).setCurrency("usd").build()).getLastResponse().body();
        String id = StripeEvents.newEventId();
        String payload = StripeEvents.event(id, "payment_intent.created", intentJson, StripeEvents.now());
        assertTrue(payload.length() > 1024, () -> "the event should be over 1 KB, is " + payload.length());

        roundTrips.reset();
        new StripeWebhooksApi(anonymous()).receiveStripeWebhook(payload, StripeEvents.sign(payload, WEBHOOK_SECRET, StripeEvents.now()));
        assertEquals(List.of("PutItemRequest", "UpdateItemRequest"), roundTrips.operations(), "claim, then finish (no handler: ignored)");
        assertUnits(0, 2, "the inbox row, gzipped, is under 1 KB on both writes");
    }

    private void assertUnits(double reads, double writes, String what) {
        assertEquals(reads, roundTrips.readUnits(), 0.001, what + ": read units");
        assertEquals(writes, roundTrips.writeUnits(), 0.001, what + ": write units");
    }
}
