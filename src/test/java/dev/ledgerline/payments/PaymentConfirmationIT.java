package dev.ledgerline.payments;

import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.model.AccountStanding;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentConfirmation;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A payment the bank wants the customer to authenticate (3-D Secure, localstripe's card
 * 4000 0027 6000 3184): it waits in requires_action, the panel gets the PaymentIntent's client
 * secret for Stripe.js, and the outcome is read back from Stripe.
 */
@MicronautTest
class PaymentConfirmationIT extends LocalstripeTestSupport {

    @Inject
    Janitor janitor;

    private Payment payAndWait(LoginResponse login, long amount) throws Exception {
        addCard(login, AUTHENTICATES);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(amount).description("Pro plan"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.REQUIRES_ACTION, payment.getStatus());
        return payment;
    }

    @Test
    void theCustomerAuthenticatesAndThePaymentSucceedsOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = payAndWait(login, 2000);
        assertEquals(0, new LedgerApi(as(login)).getBalance().getDue(), "reserved while it waits");

        PaymentConfirmation confirmation = new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId());
        assertEquals(payment.getStripePaymentIntentId(), confirmation.getPaymentIntentId());
        assertTrue(confirmation.getClientSecret().startsWith(confirmation.getPaymentIntentId() + "_secret_"));

        authenticate(confirmation.getPaymentIntentId(), confirmation.getClientSecret(), true);
        Payment after = new PaymentsApi(as(login)).refreshPayment(payment.getId());
        assertEquals(PaymentStatus.SUCCEEDED, after.getStatus());
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
        assertEquals("no_action_required",
                expectProblem(409, () -> new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId())).getCode());
        // Another account's payment is not found.
        LoginResponse other = signupAndLogin();
        assertEquals("not_found", expectProblem(404, () -> new PaymentsApi(as(other)).startPaymentConfirmation(payment.getId())).getCode());
    }

    @Test
    void aFailedChallengeFailsThePayment() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = payAndWait(login, 1500);
        PaymentConfirmation confirmation = new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId());
        authenticate(confirmation.getPaymentIntentId(), confirmation.getClientSecret(), false);
        Payment after = new PaymentsApi(as(login)).refreshPayment(payment.getId());
        assertEquals(PaymentStatus.FAILED, after.getStatus());
        assertEquals("canceled", localstripe.v1().paymentIntents().retrieve(payment.getStripePaymentIntentId()).getStatus(),
                "canceled before it failed: the browser cannot try again and collect a failed payment");
        assertEquals(1500, new LedgerApi(as(login)).getBalance().getDue(), "due again");
    }

    @Test
    void theJanitorLeavesItToTheCustomerForTheActionWindowThenCancelsAndFails() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = payAndWait(login, 1200);
        clock.advance(Duration.ofHours(2));
        janitor.runOnce();
        login = relogin(login);
        assertEquals(PaymentStatus.REQUIRES_ACTION, find(login, payment.getId()).getStatus(), "the customer may still confirm it");

        clock.advance(Duration.ofDays(3));
        janitor.runOnce();
        login = relogin(login);
        // Unpaid as surely as a decline: it fails (the intent canceled first), and the balance is past due.
        assertEquals(PaymentStatus.FAILED, find(login, payment.getId()).getStatus());
        assertEquals("canceled", localstripe.v1().paymentIntents().retrieve(payment.getStripePaymentIntentId()).getStatus());
        assertEquals(1200, new LedgerApi(as(login)).getBalance().getDue(), "released: due again");
        assertEquals(AccountStanding.PAST_DUE, new LedgerApi(as(login)).getBalance().getStanding());
    }

    private Payment find(LoginResponse login, String paymentId) throws Exception {
        return new PaymentsApi(as(login)).listPayments(25, null).getData().stream().filter(p -> p.getId().equals(paymentId)).findFirst()
                .orElseThrow();
    }
}
