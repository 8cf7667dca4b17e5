package dev.ledgerline.payments;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentKind;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autopay and the janitor against localstripe, through a proxy that keeps Stripe's idempotency
 * promise and can lose answers, so the count of PaymentIntents that reached the emulator is the
 * count of real charges.
 */
@MicronautTest
class AutopayAndJanitorLocalstripeIT extends LocalstripeTestSupport {

    @Inject
    AutopayJob autopay;

    @Inject
    Janitor janitor;

    private void addCharge(LoginResponse login, long amount) throws ApiException {
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(amount).description("Pro plan"));
    }

    private List<Payment> payments(LoginResponse login) throws ApiException {
        return new PaymentsApi(as(login)).listPayments(100, null).getData();
    }

    @Test
    void autopayPaysADueBalanceOnceEvenWhenTwoRunsRace() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        assertTrue(new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true)).getAutopayEnabled());
        addCharge(login, 2100);
        int before = proxy.forwarded("/v1/payment_intents");

        CompletableFuture<AutopayJob.Run> first = CompletableFuture.supplyAsync(autopay::runOnce);
        CompletableFuture<AutopayJob.Run> second = CompletableFuture.supplyAsync(autopay::runOnce);
        first.get();
        second.get();

        List<Payment> payments = payments(login);
        assertEquals(1, payments.size());
        assertEquals(PaymentKind.AUTOPAY, payments.get(0).getKind());
        assertEquals(PaymentStatus.SUCCEEDED, payments.get(0).getStatus());
        assertEquals(1, proxy.forwarded("/v1/payment_intents") - before, "one charge reached Stripe");
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());

        autopay.runOnce();
        assertEquals(1, payments(login).size(), "nothing due, nothing paid");

        new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(false));
        addCharge(login, 500);
        autopay.runOnce();
        assertEquals(1, payments(login).size(), "autopay off: the balance waits");
    }

    @Test
    void autopayRetriesAfterADeclineOnItsSchedule() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, DECLINED_ON_CHARGE);
        new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true));
        addCharge(login, 1300);

        autopay.runOnce();
        assertEquals(PaymentStatus.FAILED, payments(login).get(0).getStatus());
        assertEquals(1300, new LedgerApi(as(login)).getBalance().getDue());

        clock.advance(Duration.ofHours(6));
        autopay.runOnce();
        assertEquals(1, payments(login).size(), "no retry before a day has passed");

        clock.advance(Duration.ofHours(19));
        LoginResponse again = relogin(login);
        autopay.runOnce();
        assertEquals(2, payments(again).size(), "retried the next day");
        assertEquals(PaymentStatus.FAILED, payments(again).get(0).getStatus());

        clock.advance(Duration.ofDays(2));
        autopay.runOnce();
        assertEquals(2, payments(relogin(login)).size(), "the second retry waits three days");
    }

    @Test
    void theJanitorRecoversAPaymentWhoseAnswerWasLostWithoutChargingTwice() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        addCharge(login, 2700);
        int before = proxy.forwarded("/v1/payment_intents");
        proxy.loseAnswers("/v1/payment_intents", 3); // the first try and both SDK retries

        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus(), "the outcome is unknown, so it stays processing");
        assertNull(payment.getStripePaymentIntentId());
        assertEquals(0, new LedgerApi(as(login)).getBalance().getDue(), "and its amount stays reserved");
        assertEquals(1, proxy.forwarded("/v1/payment_intents") - before, "Stripe saw the charge once");

        clock.advance(Duration.ofMinutes(16));
        Janitor.Run run = janitor.runOnce();
        assertEquals(1, run.resolved());
        Payment settled = payments(login).get(0);
        assertEquals(PaymentStatus.SUCCEEDED, settled.getStatus());
        assertTrue(settled.getStripePaymentIntentId().startsWith("pi_"));
        assertEquals(1, proxy.forwarded("/v1/payment_intents") - before, "the replay did not charge again");
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
    }
}
