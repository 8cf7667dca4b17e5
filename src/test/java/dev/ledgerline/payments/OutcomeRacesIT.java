package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An outcome applies only to the attempt and intent it was decided for. The race: a late failure
 * of attempt 1 has read the payment at attempt 1, and while it writes, the paying request moves
 * the payment on to attempt 2 with another method; the failure's write loses, it reads the
 * payment again, and must leave attempt 2 alone (attempt 2 may well succeed at Stripe).
 */
@MicronautTest
class OutcomeRacesIT extends StripeMockProxyTestSupport {

    @Inject
    PaymentRepo payments;

    @Inject
    PaymentOutcomes outcomes;

    @Test
    void aFailureDecidedForAnEarlierAttemptDoesNotEndTheNextOne() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 3000);
        debitsStayProcessing();
        String paymentId = new PaymentsApi(as(login)).payBalance(null, null).getId();
        Payment firstAttempt = payments.find(login.getAccountId(), paymentId).orElseThrow();
        assertEquals(1, firstAttempt.attempt());

        // The paying request moves on: attempt 2, another method, no intent yet.
        Payment secondAttempt = firstAttempt.change().method("pm_second", "card", 2).at(clock.instant());
        assertEquals(true, payments.save(secondAttempt));

        // The late failure of attempt 1, applied to the payment as it read it.
        Payment after = outcomes.fail(firstAttempt, "Your card was declined.", firstAttempt.intentId());

        assertEquals(PaymentStatus.PROCESSING, after.status(), "attempt 2 is still under way");
        assertEquals(2, after.attempt());
        Payment stored = payments.find(login.getAccountId(), paymentId).orElseThrow();
        assertEquals(PaymentStatus.PROCESSING, stored.status());
        assertEquals(2, stored.attempt());
        assertNull(stored.failureMessage());
        assertEquals(3000, balance(login).getPendingPayments(), "the amount stays reserved for attempt 2");
        assertLedgerAddsUp(login);
    }

    @Test
    void aSuccessOfAnEarlierAttemptStillCounts_theMoneyArrived() throws Exception {
        LoginResponse login = signupAndLogin();
        addBankAccount(login);
        addCharge(login, 2500);
        debitsStayProcessing();
        String paymentId = new PaymentsApi(as(login)).payBalance(null, null).getId();
        Payment firstAttempt = payments.find(login.getAccountId(), paymentId).orElseThrow();
        payments.save(firstAttempt.change().method("pm_second", "card", 2).at(clock.instant()));

        // Stripe collected the first attempt's debit.
        proxy.state().put(StripeObjects.of(proxy.state().get(firstAttempt.intentId()).orElseThrow())
                .set("status", "succeeded").set("amount_received", 2500).json());
        Payment after = outcomes.succeed(firstAttempt, firstAttempt.intentId());

        assertEquals(PaymentStatus.SUCCEEDED, after.status());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());
        assertLedgerAddsUp(login);
    }
}
