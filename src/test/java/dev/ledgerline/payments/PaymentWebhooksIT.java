package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.CheckoutSessionResponse;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentKind;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The asynchronous money paths: ACH debits that stay processing, Checkout, disputes and the janitor. */
@MicronautTest
class PaymentWebhooksIT extends StripeMockProxyTestSupport {

    @Inject
    Janitor janitor;

    @Test
    void anAchDebitIsProcessingUntilItSucceeds() throws Exception {
        LoginResponse login = signupAndLogin();
        String bank = addBankAccount(login);
        addCharge(login, 3000);
        debitsStayProcessing();

        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());
        assertEquals(bank, payment.getPaymentMethodId());
        assertNotNull(payment.getStripePaymentIntentId());
        Balance inFlight = balance(login);
        assertEquals(3000, inFlight.getBalance(), "the balance is unchanged until the money arrives");
        assertEquals(3000, inFlight.getPendingPayments());
        assertEquals(0, inFlight.getDue(), "nothing more is due while the debit is in flight");
        expectProblem(409, () -> new PaymentsApi(as(login)).payBalance(null, null));

        deliver("payment_intent.processing", intent(login, payment, "processing"));
        assertEquals(3000, balance(login).getPendingPayments());
        String succeeded = intent(login, payment, "succeeded");
        deliver("payment_intent.succeeded", succeeded);
        deliver("payment_intent.succeeded", succeeded);
        Balance settled = balance(login);
        assertEquals(0, settled.getBalance());
        assertEquals(0, settled.getPendingPayments());
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());

        // A late processing or failure event cannot reopen a finished payment.
        deliverLate("payment_intent.processing", intent(login, payment, "processing"));
        deliverLate("payment_intent.payment_failed", intent(login, payment, "requires_payment_method"));
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());
    }

    @Test
    void aFailedDebitReleasesTheDue() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 1000);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(0, balance(login).getDue());

        deliver("payment_intent.payment_failed", StripeObjects.of(intent(login, payment, "requires_payment_method"))
                .setJson("last_payment_error", "{\"type\":\"invalid_request_error\",\"code\":\"payment_method_unactivated\","
                        + "\"message\":\"The bank account could not be debited.\"}").json());
        Payment failed = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);
        assertEquals(PaymentStatus.FAILED, failed.getStatus());
        assertEquals("The bank account could not be debited.", failed.getFailureMessage());
        assertEquals(1000, balance(login).getDue());
        assertEquals(0, balance(login).getPendingPayments());
        assertTrue(allEntries(login).stream().noneMatch(e -> e.getType() == LedgerEntryType.PAYMENT));
    }

    @Test
    void theJanitorSettlesAPaymentWhoseWebhookNeverCame() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 2200);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());

        assertEquals(0, janitor.runOnce().examined(), "too recent to ask about");
        clock.advance(Duration.ofMinutes(16));
        String processing = intent(login, payment, "processing");
        proxy.rewrite("/v1/payment_intents/" + payment.getStripePaymentIntentId(), json -> processing);
        Janitor.Run stillProcessing = janitor.runOnce();
        assertEquals(1, stillProcessing.stillOpen());
        assertEquals(PaymentStatus.PROCESSING, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());

        // Hours later the debit has cleared at Stripe, but its webhook was lost.
        clock.advance(Duration.ofHours(10));
        String cleared = intent(login, payment, "succeeded");
        proxy.rewrite("/v1/payment_intents/" + payment.getStripePaymentIntentId(), json -> cleared);
        Janitor.Run run = janitor.runOnce();
        assertEquals(1, run.resolved());
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());

        deliver("payment_intent.succeeded", cleared);
        assertEquals(0, balance(login).getBalance(), "the late webhook changes nothing");
        assertEquals(0, janitor.runOnce().examined());
    }

    private String session(LoginResponse login, CheckoutSessionResponse created, Payment payment, String status, String paymentStatus)
            throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().checkout().sessions().retrieve(created.getId()).getLastResponse().body())
                .set("id", created.getId()).set("client_reference_id", login.getAccountId()).set("status", status)
                .set("payment_status", paymentStatus).set("amount_total", payment.getAmount()).set("currency", "usd")
                .set("payment_intent", "pi_checkout_" + payment.getId().substring(4))
                .setJson("metadata", "{\"ledgerline_payment_id\":\"" + payment.getId() + "\"}")
                .json();
    }

    @Test
    void checkoutPaysWhenTheSessionCompletes() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 2000);
        CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
        assertTrue(created.getId().startsWith("cs_"));
        assertTrue(created.getUrl().startsWith("https://"));
        Payment payment = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);
        assertEquals(PaymentKind.CHECKOUT, payment.getKind());
        assertEquals(PaymentStatus.REQUIRES_ACTION, payment.getStatus());
        assertEquals(2000, payment.getAmount());
        // Was: nothing reserved, so autopay or pay-balance collected the same 20.00 again while the customer paid on the page.
        assertEquals(0, balance(login).getDue(), "the open page holds its amount");
        assertEquals(2000, balance(login).getPendingPayments());
        assertEquals("nothing_due", expectProblem(409, () -> new PaymentsApi(as(login)).payBalance(null, null)).getCode());

        stripeNowSays(checkoutIntent(login, payment, "succeeded", null));
        String completed = session(login, created, payment, "complete", "paid");
        deliver("checkout.session.completed", completed);
        deliver("checkout.session.completed", completed);
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
    }

    @Test
    void anAbandonedCheckoutPageHoldsItsAmountOnlyUntilItExpires() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 1700);
        CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
        assertEquals(0, balance(login).getDue());
        String expired = session(login, created, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0), "expired", "unpaid");

        clock.advance(Duration.ofMinutes(40));
        proxy.rewrite("/v1/checkout/sessions/" + created.getId(), json -> expired);
        assertEquals(1, janitor.runOnce().resolved());
        assertEquals(PaymentStatus.CANCELED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(1700, balance(login).getDue(), "released when the page expired");
        assertEquals(0, balance(login).getPendingPayments());
        assertLedgerAddsUp(login);
    }

    @Test
    void aCheckoutPageStripeDidNotOpenHoldsNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 1300);
        proxy.refuseNext("/v1/checkout/sessions", 400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: expires_at");
        expectProblem(422, () -> new PaymentsApi(as(login)).createCheckoutSession(null));
        assertEquals(PaymentStatus.CANCELED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(1300, balance(login).getDue());
        assertEquals(0, balance(login).getPendingPayments());
    }

    @Test
    void anAsyncCheckoutPaymentIsInFlightUntilItClears() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 1500);
        CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
        Payment payment = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);

        // An ACH debit on the page: the session completes unpaid while its intent is processing.
        stripeNowSays(checkoutIntent(login, payment, "processing", null));
        deliver("checkout.session.completed", session(login, created, payment, "complete", "unpaid"));
        assertEquals(PaymentStatus.PROCESSING, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getDue());
        assertEquals(1500, balance(login).getPendingPayments());

        stripeNowSays(checkoutIntent(login, payment, "succeeded", null));
        deliver("checkout.session.async_payment_succeeded", session(login, created, payment, "complete", "paid"));
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());

        addCharge(login, 800);
        CheckoutSessionResponse second = new PaymentsApi(as(login)).createCheckoutSession(null);
        Payment secondPayment = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);
        stripeNowSays(checkoutIntent(login, secondPayment, "processing", null));
        deliver("checkout.session.completed", session(login, second, secondPayment, "complete", "unpaid"));
        stripeNowSays(checkoutIntent(login, secondPayment, "requires_payment_method", "The bank account could not be debited."));
        deliver("checkout.session.async_payment_failed", session(login, second, secondPayment, "complete", "unpaid"));
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(800, balance(login).getDue());
    }

    /** The PaymentIntent a Checkout Session made for {@code payment} (it carries the session's payment_intent_data metadata). */
    private String checkoutIntent(LoginResponse login, Payment payment, String status, String declineMessage) throws Exception {
        StripeObjects intent = StripeObjects.of(StripeEvents.stripeMock().v1().paymentIntents().retrieve("pi_checkout").getLastResponse().body())
                .set("id", "pi_checkout_" + payment.getId().substring(4)).set("amount", payment.getAmount()).set("currency", "usd")
                .set("status", status).set("amount_received", "succeeded".equals(status) ? payment.getAmount() : 0)
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\"}");
        if (declineMessage != null) {
            intent.setJson("last_payment_error", "{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\""
                    + declineMessage + "\"}");
        }
        return intent.json();
    }

    /**
     * Stripe's sequence when the first card on the hosted page is declined and the customer pays
     * with another: payment_intent.payment_failed (the intent is back at requires_payment_method,
     * the session stays open), then payment_intent.succeeded and checkout.session.completed.
     */
    @Test
    void aDeclinedCardOnTheCheckoutPageThenAPaidOneIsPaid() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 2000);
        CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
        Payment payment = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);

        deliver("payment_intent.payment_failed", checkoutIntent(login, payment, "requires_payment_method", "Your card was declined."));
        assertEquals(PaymentStatus.REQUIRES_ACTION, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus(),
                "the page is still open: the customer may try another card");
        clock.advance(Duration.ofMinutes(16));
        Janitor.Run run = janitor.runOnce();
        assertEquals(1, run.examined());
        assertEquals(0, run.resolved(), "nor does the janitor end it while the page is open");
        assertEquals(PaymentStatus.REQUIRES_ACTION, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());

        deliver("payment_intent.succeeded", checkoutIntent(login, payment, "succeeded", null));
        deliver("checkout.session.completed", session(login, created, payment, "complete", "paid"));
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getDue());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
        assertLedgerAddsUp(login);
    }

    private String dispute(String id, String intentId, long amount, String status) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().disputes().retrieve(id).getLastResponse().body())
                .set("id", id).set("payment_intent", intentId).set("amount", amount).set("currency", "usd").set("status", status)
                .json();
    }

    @Test
    void aDisputedAmountIsHeldOutOfDueAndNeverCollectedAgain_onceInAnyOrder() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 4000);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        deliver("payment_intent.succeeded", intent(login, payment, "succeeded"));
        assertEquals(0, balance(login).getBalance());

        String won = "dp_won" + payment.getId().substring(4, 12);
        deliver("charge.dispute.created", dispute(won, payment.getStripePaymentIntentId(), 4000, "needs_response"));
        deliver("charge.dispute.created", dispute(won, payment.getStripePaymentIntentId(), 4000, "needs_response"));
        // Was: +4000 owed again, which autopay collected from the cardholder who disputed it.
        assertEquals(0, balance(login).getBalance(), "the disputed funds are not owed again");
        assertEquals(0, balance(login).getDue(), "nor collected while disputed");
        assertEquals(4000, balance(login).getPendingCharges(), "they are held as pending while the dispute is open");
        deliver("charge.dispute.closed", dispute(won, payment.getStripePaymentIntentId(), 4000, "won"));
        assertEquals(0, balance(login).getBalance(), "a won dispute reinstates them");
        assertEquals(0, balance(login).getPendingCharges());

        String lost = "dp_lost" + payment.getId().substring(4, 12);
        deliver("charge.dispute.closed", dispute(lost, payment.getStripePaymentIntentId(), 1500, "lost"));
        deliverLate("charge.dispute.created", dispute(lost, payment.getStripePaymentIntentId(), 1500, "needs_response"));
        assertEquals(0, balance(login).getBalance(), "a lost dispute is not collected again either");
        assertEquals(0, balance(login).getPendingCharges(), "closed before created: withdrawn and released once");

        List<LedgerEntry> disputes = allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.DISPUTE).toList();
        assertEquals(4, disputes.size(), "withdrawn and closed, for each dispute");
        assertTrue(disputes.stream().allMatch(e -> payment.getId().equals(e.getPaymentId())));

        deliver("charge.dispute.created", dispute("dp_inquiry1", payment.getStripePaymentIntentId(), 999, "warning_needs_response"));
        assertEquals(0, balance(login).getPendingCharges(), "an inquiry withdraws nothing");
        assertLedgerAddsUp(login);
    }

    private static String refund(String id, long amount, String status, String chargeId, String intentId) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().refunds().retrieve("re_x").getLastResponse().body())
                .set("id", id).set("amount", amount).set("currency", "usd").set("status", status).set("charge", chargeId)
                .set("payment_intent", intentId).json();
    }

    private String chargeWithRefund(LoginResponse login, String chargeId, String intentId, long amount, String refundJson) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().charges().retrieve(chargeId).getLastResponse().body())
                .set("id", chargeId).set("amount", amount).set("currency", "usd").set("customer", customerOf(login))
                .set("payment_intent", intentId)
                .setJson("refunds", "{\"object\":\"list\",\"has_more\":false,\"total_count\":1,\"url\":\"/v1/charges/" + chargeId
                        + "/refunds\",\"data\":[" + refundJson + "]}")
                .json();
    }

    private long sumOf(LoginResponse login, LedgerEntryType type) throws Exception {
        return allEntries(login).stream().filter(e -> e.getType() == type).mapToLong(LedgerEntry::getAmount).sum();
    }

    /** Stripe's sequence for a refund that fails after it was accepted: charge.refunded (pending), then charge.refund.updated (failed). */
    @Test
    void aPendingRefundThatFailsLaterIsReversedOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 2000);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        deliver("payment_intent.succeeded", intent(login, payment, "succeeded"));
        String chargeId = "ch_rf" + payment.getId().substring(4, 14);
        String refundId = "re_rf" + payment.getId().substring(4, 14);

        deliver("charge.refunded", chargeWithRefund(login, chargeId, payment.getStripePaymentIntentId(), 2000,
                refund(refundId, 800, "pending", chargeId, payment.getStripePaymentIntentId())));
        assertEquals(800, sumOf(login, LedgerEntryType.REFUND));
        assertEquals(0, balance(login).getBalance());

        String failed = refund(refundId, 800, "failed", chargeId, payment.getStripePaymentIntentId());
        deliver("charge.refund.updated", failed);
        deliver("charge.refund.updated", failed);
        // Was: never reversed, so the statement showed 8.00 returned that never reached the customer.
        assertEquals(0, sumOf(login, LedgerEntryType.REFUND), "the failed refund is reversed, once");
        assertEquals(0, sumOf(login, LedgerEntryType.ADJUSTMENT));
        assertEquals(0, balance(login).getBalance());
        assertLedgerAddsUp(login);
    }

    /** A charge we never made (a subscription invoice of the same customer, say): its refund and dispute are not ours to post. */
    @Test
    void refundsAndDisputesOfAChargeWeNeverMadeAreNotPosted() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 1200);
        int entriesBefore = allEntries(login).size();
        String chargeId = "ch_invoice" + login.getAccountId().substring(5, 13);

        // Was: matched by the customer alone, and posted as owed.
        deliver("charge.refunded", chargeWithRefund(login, chargeId, "pi_invoice_not_ours", 5000,
                refund("re_invoice1", 5000, "succeeded", chargeId, "pi_invoice_not_ours")));
        deliver("charge.dispute.created", StripeObjects.of(StripeEvents.stripeMock().v1().disputes().retrieve("dp_x").getLastResponse().body())
                .set("id", "dp_invoice1").set("payment_intent", "pi_invoice_not_ours").set("charge", chargeId).set("amount", 5000)
                .set("currency", "usd").set("status", "needs_response").json());
        assertEquals(entriesBefore, allEntries(login).size());
        assertEquals(1200, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingCharges());
    }

    @Test
    void paymentsPageNewestFirst() throws Exception {
        LoginResponse login = signupAndLogin();
        PaymentsApi api = new PaymentsApi(as(login));
        List<String> created = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            api.createCheckoutSession(new dev.ledgerline.client.model.CheckoutSessionRequest().amount(100L * i));
            created.add(0, api.listPayments(1, null).getData().get(0).getId());
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = api.listPayments(2, cursor);
            assertTrue(page.getData().size() <= 2);
            page.getData().forEach(p -> seen.add(p.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertEquals(created, seen);
        assertEquals("invalid_cursor", expectProblem(400, () -> api.listPayments(2, "bm90IGEgY3Vyc29y")).getCode());
        assertTrue(new PaymentsApi(as(signupAndLogin())).listPayments(10, null).getData().isEmpty(), "another account sees none");
    }
}
