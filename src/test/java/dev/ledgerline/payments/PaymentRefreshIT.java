package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.CheckoutSessionResponse;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The panel's "how did my payment go?": the service asks Stripe and applies the answer once, whichever of refresh and webhook comes first. */
@MicronautTest
class PaymentRefreshIT extends StripeMockProxyTestSupport {

    @Test
    void aDebitThatClearedIsSettledOnRefreshAndTheWebhookAddsNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = processingDebit(login, 2200);
        assertEquals(PaymentStatus.PROCESSING, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus(),
                "Stripe still reports it processing");

        String cleared = intent(login, payment, "succeeded");
        proxy.state().put(cleared);
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus());
        assertEquals(0, balance(login).getBalance());
        deliver("payment_intent.succeeded", cleared);
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
        assertEquals(0, balance(login).getBalance());
    }

    @Test
    void backFromAPaidCheckoutPageThePaymentIsPaid() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 1300);
        CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
        Payment payment = new PaymentsApi(as(login)).listPayments(1, null).getData().get(0);
        assertEquals(PaymentStatus.REQUIRES_ACTION, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus(),
                "the page is still open");

        String intentId = "pi_paid" + payment.getId().substring(4, 20);
        proxy.state().put(StripeObjects.of(StripeEvents.stripeMock().v1().paymentIntents().retrieve(intentId).getLastResponse().body())
                .set("status", "succeeded").set("amount", 1300).set("amount_received", 1300).set("currency", "usd")
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\"}").json());
        proxy.state().put(StripeObjects.of(StripeEvents.stripeMock().v1().checkout().sessions().retrieve(created.getId()).getLastResponse().body())
                .set("status", "complete").set("payment_status", "paid").set("payment_intent", intentId)
                .set("client_reference_id", login.getAccountId()).set("amount_total", 1300).json());

        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());
    }

    @Test
    void aOneTimeDebitThatBouncedIsFailedOnRefreshItsChargeReversedAndTheWebhookAddsNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        String bank = addBankAccount(login);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).chargeOnce("setup-fee-1", new ChargeOnceRequest().paymentMethodId(bank)
                .amount(4900L).description("Setup fee"));
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());

        String bounced = StripeObjects.of(intent(login, payment, "requires_payment_method"))
                .setJson("last_payment_error", "{\"type\":\"card_error\",\"code\":\"insufficient_funds\",\"message\":\"The account has insufficient funds.\"}")
                .json();
        proxy.state().put(bounced);
        Payment refreshed = new PaymentsApi(as(login)).refreshPayment(payment.getId());
        assertEquals(PaymentStatus.FAILED, refreshed.getStatus());
        assertEquals("The account has insufficient funds.", refreshed.getFailureMessage());
        deliver("payment_intent.payment_failed", bounced);
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).refreshPayment(payment.getId()).getStatus());
        assertEquals(0, balance(login).getBalance(), "the one-time charge is reversed once: nothing is owed for it");
        assertEquals(0, balance(login).getPendingPayments());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.ADJUSTMENT).count());
    }

    @Test
    void aRefreshRacingTheWebhookSettlesThePaymentOnce() throws Exception {
        for (int round = 0; round < 4; round++) {
            LoginResponse login = signupAndLogin();
            Payment payment = processingDebit(login, 1500 + round);
            String cleared = intent(login, payment, "succeeded");
            proxy.state().put(cleared);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Callable<Object>> racers = List.of(
                        () -> new PaymentsApi(as(login)).refreshPayment(payment.getId()),
                        () -> deliver("payment_intent.succeeded", cleared),
                        () -> new PaymentsApi(as(login)).refreshPayment(payment.getId()));
                for (java.util.concurrent.Future<Object> f : pool.invokeAll(racers)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(1, null).getData().get(0).getStatus());
            assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
            assertEquals(0, balance(login).getBalance());
        }
    }

    @Test
    void onlyTheAccountsOwnPayments() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = processingDebit(login, 900);
        LoginResponse other = signupAndLogin();
        assertEquals("not_found", expectProblem(404, () -> new PaymentsApi(as(other)).refreshPayment(payment.getId())).getCode());
        expectProblem(400, () -> new PaymentsApi(as(login)).refreshPayment("pay with spaces"));
    }
}
