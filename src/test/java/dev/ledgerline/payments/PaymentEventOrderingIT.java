package dev.ledgerline.payments;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.CheckoutSessionRequest;
import dev.ledgerline.client.model.CheckoutSessionResponse;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.WebhookAck;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payment events of one story (an ACH debit in flight then cleared, two cumulative refund
 * events, a dispute lost then reinstated, an async Checkout payment), delivered once in order to
 * one account and shuffled with 1-3 copies each to others (redelivering 503s as Stripe would,
 * and every event late: Stripe already reports the final state when the service re-fetches):
 * every account ends with the same ledger, payments and balance.
 */
@MicronautTest
class PaymentEventOrderingIT extends StripeMockProxyTestSupport {

    private record Delivery(String eventId, String type, String object, long created) {
    }

    private List<Delivery> story(LoginResponse login) throws Exception {
        addBankAccount(login);
        addCharge(login, 5000);
        debitsStayProcessing();
        Payment debit = new PaymentsApi(as(login)).payBalance(null, null);
        proxy.clearRewrites();
        CheckoutSessionResponse checkout = new PaymentsApi(as(login)).createCheckoutSession(new CheckoutSessionRequest().amount(1000L));
        Payment viaCheckout = new PaymentsApi(as(login)).listPayments(1, null).getData().get(0);

        String charge = "ch_story" + debit.getId().substring(4, 14);
        long t = StripeEvents.now() - 100;
        List<Delivery> events = new ArrayList<>();
        events.add(new Delivery(StripeEvents.newEventId(), "payment_intent.processing", intent(login, debit, "processing"), t + 1));
        events.add(new Delivery(StripeEvents.newEventId(), "payment_intent.succeeded", intent(login, debit, "succeeded"), t + 2));
        events.add(new Delivery(StripeEvents.newEventId(), "charge.refunded", charge(login, debit, charge, 700), t + 3));
        events.add(new Delivery(StripeEvents.newEventId(), "charge.refunded", charge(login, debit, charge, 700, 300), t + 4));
        String dispute = "dp_story" + debit.getId().substring(4, 14);
        events.add(new Delivery(StripeEvents.newEventId(), "charge.dispute.created", dispute(debit, dispute, 1200, "needs_response"), t + 5));
        events.add(new Delivery(StripeEvents.newEventId(), "charge.dispute.closed", dispute(debit, dispute, 1200, "won"), t + 6));
        // The page's ACH debit: its intent is processing when the session completes unpaid, and succeeds later.
        events.add(new Delivery(StripeEvents.newEventId(), "payment_intent.processing", checkoutIntent(login, viaCheckout, "processing"), t + 7));
        events.add(new Delivery(StripeEvents.newEventId(), "checkout.session.completed", session(login, checkout, viaCheckout, "unpaid"), t + 8));
        events.add(new Delivery(StripeEvents.newEventId(), "payment_intent.succeeded", checkoutIntent(login, viaCheckout, "succeeded"), t + 9));
        events.add(new Delivery(StripeEvents.newEventId(), "checkout.session.async_payment_succeeded",
                session(login, checkout, viaCheckout, "paid"), t + 10));
        return events;
    }

    private String checkoutIntent(LoginResponse login, Payment payment, String status) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().paymentIntents().retrieve("pi_co").getLastResponse().body())
                .set("id", "pi_co" + payment.getId().substring(4, 14)).set("amount", payment.getAmount()).set("currency", "usd")
                .set("status", status).set("amount_received", "succeeded".equals(status) ? payment.getAmount() : 0)
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\"}")
                .json();
    }

    private String session(LoginResponse login, CheckoutSessionResponse created, Payment payment, String paymentStatus) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().checkout().sessions().retrieve(created.getId()).getLastResponse().body())
                .set("id", created.getId()).set("client_reference_id", login.getAccountId()).set("status", "complete")
                .set("payment_status", paymentStatus).set("amount_total", payment.getAmount()).set("currency", "usd")
                .set("payment_intent", "pi_co" + payment.getId().substring(4, 14))
                .setJson("metadata", "{\"ledgerline_payment_id\":\"" + payment.getId() + "\"}")
                .json();
    }

    /** Delivers like Stripe: a 503 is delivered again later (here: after the rest of the queue). */
    private int deliverAll(List<Delivery> queue, boolean late) throws ApiException {
        List<Delivery> pending = new ArrayList<>(queue);
        int deliveries = 0;
        for (int round = 0; round < 20 && !pending.isEmpty(); round++) {
            List<Delivery> again = new ArrayList<>();
            for (Delivery d : pending) {
                deliveries++;
                try {
                    WebhookAck ack = late ? deliverSnapshot(d.eventId(), d.type(), d.object(), d.created())
                            : deliver(d.eventId(), d.type(), d.object(), d.created());
                    assertTrue(ack.getReceived());
                } catch (ApiException e) {
                    assertEquals(503, e.getCode(), e::getResponseBody);
                    again.add(d);
                }
            }
            pending = again;
        }
        assertTrue(pending.isEmpty(), "every event was applied in the end");
        return deliveries;
    }

    /** What must be equal across accounts: entries and payments without their account-specific ids. */
    private List<String> outcome(LoginResponse login) throws ApiException {
        List<String> lines = new ArrayList<>();
        for (LedgerEntry e : allEntries(login)) {
            lines.add("entry " + e.getType() + " " + e.getAmount() + " " + e.getStatus() + " paymentLinked=" + (e.getPaymentId() != null)
                    + " " + e.getDescription().replaceAll("(dp|re|ch)_[A-Za-z0-9_-]+", "<id>"));
        }
        for (Payment p : new PaymentsApi(as(login)).listPayments(100, null).getData()) {
            lines.add("payment " + p.getKind() + " " + p.getAmount() + " " + p.getStatus());
        }
        var b = balance(login);
        lines.add("balance " + b.getBalance() + " due " + b.getDue() + " pendingPayments " + b.getPendingPayments());
        Collections.sort(lines);
        return lines;
    }

    @Test
    void shuffledAndRepeatedPaymentEventsEndInTheSameState() throws Exception {
        LoginResponse inOrder = signupAndLogin();
        deliverAll(story(inOrder), false);
        List<String> expected = outcome(inOrder);
        // 50.00 paid, the refunds of 10.00 are balance-neutral, the dispute was won, and 10.00 was paid in advance through Checkout.
        assertTrue(expected.contains("balance -1000 due 0 pendingPayments 0"), () -> "in order: " + expected);

        Random random = new Random(20261124);
        for (int run = 0; run < 3; run++) {
            LoginResponse shuffled = signupAndLogin();
            List<Delivery> queue = new ArrayList<>();
            List<Delivery> story = story(shuffled);
            for (Delivery d : story) {
                int copies = 1 + random.nextInt(3);
                for (int c = 0; c < copies; c++) {
                    queue.add(d);
                }
            }
            Collections.shuffle(queue, random);
            // Every event arrives late: Stripe is already in its final state when the service re-fetches.
            story.forEach(d -> proxy.state().put(d.object()));
            deliverAll(queue, true);
            assertEquals(expected, outcome(shuffled), "run " + run);
        }
    }
}
