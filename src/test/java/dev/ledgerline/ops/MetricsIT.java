package dev.ledgerline.ops;

import com.stripe.model.PaymentIntent;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.PrometheusScrape;
import dev.ledgerline.support.RawHttp;
import dev.ledgerline.support.StripeEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /prometheus after real work against localstripe: a payment that succeeds, one that is declined,
 * its webhooks (applied, duplicate, ignored, rejected), autopay and the janitor. Every counter the
 * work should move moved by exactly that much, requests are timed per route template, and no
 * series carries an account, payment or event id.
 */
@MicronautTest
class MetricsIT extends LocalstripeTestSupport {

    @Inject
    AutopayJob autopay;

    @Inject
    Janitor janitor;

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void aPaymentAndItsWebhooksMoveTheCounters() throws Exception {
        PrometheusScrape before = PrometheusScrape.of(baseUri());

        LoginResponse login = signupAndLogin();
        String card = addCard(login, VISA);
        String declining = addCard(login, DECLINED_ON_CHARGE);
        // Both became active within a second; make sure payments start with the good one.
        new PaymentMethodsApi(as(login)).setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(card));
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan"));
        Payment paid = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, paid.getStatus());
        assertEquals(card, paid.getPaymentMethodId());
        Payment declined = new PaymentsApi(as(login)).chargeOnce("metrics-declined", new ChargeOnceRequest().paymentMethodId(declining).amount(900L)
                .description("Extra seats"));
        assertEquals(PaymentStatus.FAILED, declined.getStatus());

        // Stripe's own news of the payment: applied once (no second effect), then the same event again.
        PaymentIntent intent = localstripe.v1().paymentIntents().retrieve(paid.getStripePaymentIntentId());
        String eventId = StripeEvents.newEventId();
        long created = StripeEvents.now();
        assertFalse(deliver(eventId, "payment_intent.succeeded", intent.getLastResponse().body(), created).getDuplicate());
        assertTrue(deliver(eventId, "payment_intent.succeeded", intent.getLastResponse().body(), created).getDuplicate());
        deliver("invoice.created", "{\"id\":\"in_test_metrics\",\"object\":\"invoice\"}");
        assertEquals(400, RawHttp.post(baseUri(), "/api/stripe/webhook", "application/json", "{}",
                Map.of("Stripe-Signature", "t=1,v1=00")).statusCode());

        // Autopay pays a new charge; the janitor finds nothing old enough to re-check.
        new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true));
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(700L).description("Add-on"));
        assertEquals(1, autopay.runOnce().paid());
        janitor.runOnce();
        new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY))).getInternalBalance(login.getAccountId());

        PrometheusScrape after = PrometheusScrape.of(baseUri());

        String events = "ledgerline_webhook_events_total";
        assertEquals(2, delta(before, after, events, Map.of("type", "setup_intent.succeeded", "outcome", "applied")), "two cards saved");
        assertEquals(1, delta(before, after, events, Map.of("type", "payment_intent.succeeded", "outcome", "applied")));
        assertEquals(1, delta(before, after, events, Map.of("type", "payment_intent.succeeded", "outcome", "duplicate")));
        assertEquals(1, delta(before, after, events, Map.of("type", "invoice.created", "outcome", "ignored")));
        assertEquals(1, delta(before, after, events, Map.of("type", "unverified", "outcome", "rejected")));
        assertEquals(0, delta(before, after, events, Map.of("outcome", "failed")));

        String payments = "ledgerline_payments_total";
        assertEquals(1, delta(before, after, payments, Map.of("kind", "balance", "status", "processing")));
        assertEquals(1, delta(before, after, payments, Map.of("kind", "balance", "status", "succeeded")));
        assertEquals(1, delta(before, after, payments, Map.of("kind", "one_time", "status", "processing")));
        assertEquals(1, delta(before, after, payments, Map.of("kind", "one_time", "status", "failed")));
        assertEquals(1, delta(before, after, payments, Map.of("kind", "autopay", "status", "succeeded")));

        String entries = "ledgerline_ledger_entries_total";
        assertEquals(3, delta(before, after, entries, Map.of("type", "charge", "status", "settled")), "two test charges and the one-time charge");
        assertEquals(2, delta(before, after, entries, Map.of("type", "payment")), "the balance payment and autopay");
        assertEquals(1, delta(before, after, entries, Map.of("type", "adjustment")), "the declined one-time charge reversed");

        // One request at a time: no change found the account's event sequence moved under it.
        String races = "ledgerline_events_sequence_races_total";
        assertEquals(2, after.samples(races).size(), "retried and gave_up, registered before any race");
        assertEquals(0, delta(before, after, races, Map.of()));

        String stripe = "ledgerline_stripe_calls_seconds_count";
        assertEquals(2, delta(before, after, stripe, Map.of("operation", "payment_intents.create", "outcome", "ok")));
        assertEquals(1, delta(before, after, stripe, Map.of("operation", "payment_intents.create", "outcome", "rejected")));
        assertEquals(1, delta(before, after, stripe, Map.of("operation", "customers.create", "outcome", "ok")));
        assertEquals(0, delta(before, after, stripe, Map.of("outcome", "unavailable")));
        assertTrue(after.sum("ledgerline_stripe_calls_seconds_bucket", Map.of("operation", "payment_intents.create", "le", "+Inf")) >= 3);

        assertEquals(1, delta(before, after, "ledgerline_autopay_runs_seconds_count", Map.of()));
        assertEquals(1, delta(before, after, "ledgerline_autopay_accounts_total", Map.of("result", "paid")));
        assertEquals(1, delta(before, after, "ledgerline_janitor_runs_seconds_count", Map.of()));
        assertEquals(0, delta(before, after, "ledgerline_janitor_payments_total", Map.of()));

        String requests = "http_server_requests_seconds_count";
        assertEquals(1, delta(before, after, requests, Map.of("uri", "/api/billing/pay-balance", "method", "POST", "status", "200")));
        assertEquals(1, delta(before, after, requests, Map.of("uri", "/api/billing/charge-once", "status", "200")));
        assertEquals(5, delta(before, after, requests, Map.of("uri", "/api/stripe/webhook", "status", "200")),
                "two setup events, the payment event twice and the ignored one");
        assertTrue(after.samples(requests).stream().anyMatch(s -> s.labels().get("uri").startsWith("/api/internal/accounts/{")),
                "the internal route is timed under its template");

        String text = after.text();
        for (String id : new String[] {login.getAccountId(), paid.getId(), declined.getId(), eventId, card, intent.getId()}) {
            assertFalse(text.contains(id), "no series is tagged with an id");
        }
    }
}
