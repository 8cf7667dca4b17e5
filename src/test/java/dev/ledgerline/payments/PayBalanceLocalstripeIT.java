package dev.ledgerline.payments;

import com.stripe.model.PaymentIntent;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentKind;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.client.model.PayBalanceRequest;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paying the balance and one-time charges with cards that really succeed or decline in localstripe. */
@MicronautTest
class PayBalanceLocalstripeIT extends LocalstripeTestSupport {

    private void addCharge(LoginResponse login, long amount) throws ApiException {
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(amount).description("Pro plan"));
    }

    private Balance balance(LoginResponse login) throws ApiException {
        return new LedgerApi(as(login)).getBalance();
    }

    @Test
    void payingTheBalanceSettlesItOnceEvenWhenTheWebhookFollows() throws Exception {
        LoginResponse login = signupAndLogin();
        String card = addCard(login, VISA);
        addCharge(login, 2500);

        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());
        assertEquals(PaymentKind.BALANCE, payment.getKind());
        assertEquals(2500, payment.getAmount());
        assertEquals(card, payment.getPaymentMethodId());
        assertNotNull(payment.getStripePaymentIntentId());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getDue());

        PaymentIntent intent = localstripe.v1().paymentIntents().retrieve(payment.getStripePaymentIntentId());
        assertEquals("succeeded", intent.getStatus());
        assertEquals(2500, intent.getAmount());
        assertEquals(payment.getId(), intent.getMetadata().get("ledgerline_payment_id"));
        assertEquals(customerOf(login), intent.getCustomer());

        // Stripe's webhook arrives after the synchronous answer: it must not pay twice.
        deliver("payment_intent.succeeded", intent.getLastResponse().body());
        deliver("payment_intent.succeeded", intent.getLastResponse().body());
        assertEquals(0, balance(login).getBalance());
        List<LedgerEntry> entries = allEntries(login);
        assertEquals(1, entries.stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
        LedgerEntry paid = entries.get(0);
        assertEquals(-2500, paid.getAmount());
        assertEquals(payment.getId(), paid.getPaymentId());
        assertEquals(List.of(payment.getId()), new PaymentsApi(as(login)).listPayments(25, null).getData().stream().map(Payment::getId).toList());

        assertEquals("nothing_due", expectProblem(409, () -> new PaymentsApi(as(login)).payBalance(null, null)).getCode());
    }

    @Test
    void aDeclineOnTheFirstMethodFallsBackToTheNext() throws Exception {
        LoginResponse login = signupAndLogin();
        String declining = addCard(login, DECLINED_ON_CHARGE);
        Thread.sleep(1100);
        String good = addCard(login, VISA);
        assertTrue(new PaymentMethodsApi(as(login)).listPaymentMethods().getData().get(0).getIsDefault());
        addCharge(login, 1800);

        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());
        assertEquals(good, payment.getPaymentMethodId());
        assertEquals(0, balance(login).getBalance());
        long tried = localstripe.v1().paymentIntents().list(com.stripe.param.PaymentIntentListParams.builder().setLimit(100L).build())
                .getData().stream().filter(pi -> payment.getId().equals(pi.getMetadata().get("ledgerline_payment_id"))).count();
        assertTrue(tried <= 2, "one intent per attempt at most");
        assertNotNull(declining);
    }

    @Test
    void whenEveryMethodDeclinesThePaymentFailsAndTheDueStays() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, DECLINED_ON_CHARGE);
        addCharge(login, 900);

        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.FAILED, payment.getStatus());
        assertEquals("Your card was declined.", payment.getFailureMessage());
        Balance after = balance(login);
        assertEquals(900, after.getBalance());
        assertEquals(900, after.getDue(), "the failed payment released the amount");
        assertEquals(0, after.getPendingPayments());
    }

    @Test
    void theGivenMethodIsTriedFirst() throws Exception {
        LoginResponse login = signupAndLogin();
        String first = addCard(login, VISA);
        Thread.sleep(1100);
        String second = addCard(login, VISA);
        addCharge(login, 700);
        Payment payment = new PaymentsApi(as(login)).payBalance(null, new PayBalanceRequest().paymentMethodId(second));
        assertEquals(second, payment.getPaymentMethodId());
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());
        addCharge(login, 300);
        expectProblem(404, () -> new PaymentsApi(as(login)).payBalance(null, new PayBalanceRequest().paymentMethodId("pm_nope")));
        assertEquals(300, balance(login).getDue(), "a refused request reserved nothing");
        new PaymentMethodsApi(as(login)).setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(first));
        assertEquals(first, new PaymentsApi(as(login)).payBalance(null, null).getPaymentMethodId(), "else the default");
    }

    @Test
    void concurrentPayersCreateExactlyOnePayment() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        addCharge(login, 5000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> {
                try {
                    return new PaymentsApi(as(login)).payBalance(null, null).getId();
                } catch (ApiException e) {
                    return "HTTP " + e.getCode();
                }
            });
        }
        List<String> results = new ArrayList<>();
        try {
            for (Future<String> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Payment> payments = new PaymentsApi(as(login)).listPayments(100, null).getData();
        assertEquals(1, payments.size(), () -> "results: " + results);
        assertEquals(1, results.stream().filter(r -> r.startsWith("pay_")).count());
        assertEquals(7, results.stream().filter("HTTP 409"::equals).count(), () -> "results: " + results);
        assertEquals(0, balance(login).getBalance());
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheSamePayment() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        addCharge(login, 1200);
        PaymentsApi api = new PaymentsApi(as(login));
        Payment first = api.payBalance("pay-nov", null);
        Payment again = api.payBalance("pay-nov", null);
        assertEquals(first.getId(), again.getId());
        assertEquals(PaymentStatus.SUCCEEDED, again.getStatus());
        assertEquals(1, api.listPayments(100, null).getData().size());
    }

    @Test
    void aOneTimeChargeLeavesTheBalanceAsItWas() throws Exception {
        LoginResponse login = signupAndLogin();
        String card = addCard(login, VISA);
        addCharge(login, 400);
        PaymentsApi api = new PaymentsApi(as(login));
        Payment paid = api.chargeOnce("seats-1", new ChargeOnceRequest().paymentMethodId(card).amount(1500L).description("Extra seats"));
        assertEquals(PaymentStatus.SUCCEEDED, paid.getStatus());
        assertEquals(PaymentKind.ONE_TIME, paid.getKind());
        assertEquals(400, balance(login).getBalance());
        assertEquals(List.of(LedgerEntryType.PAYMENT, LedgerEntryType.CHARGE, LedgerEntryType.CHARGE),
                allEntries(login).stream().map(LedgerEntry::getType).toList());

        String declining = addCard(login, DECLINED_ON_CHARGE);
        Payment failed = api.chargeOnce("once-1", new ChargeOnceRequest().paymentMethodId(declining).amount(900L).description("More seats"));
        assertEquals(PaymentStatus.FAILED, failed.getStatus());
        assertEquals(400, balance(login).getBalance(), "the unpaid one-time charge was reversed");
        assertEquals(400, balance(login).getDue());
        assertEquals(failed.getId(), api.chargeOnce("once-1", new ChargeOnceRequest().paymentMethodId(declining).amount(900L)
                .description("More seats")).getId());
        assertEquals("idempotency_key_reused", expectProblem(409, () -> api.chargeOnce("once-1", new ChargeOnceRequest()
                .paymentMethodId(declining).amount(901L).description("More seats"))).getCode());
        expectProblem(404, () -> api.chargeOnce("missing-1", new ChargeOnceRequest().paymentMethodId("pm_missing").amount(100L).description("x")));
    }

    @Test
    void refundsArePostedOncePerRefundInAnyOrder() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        addCharge(login, 3000);
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        String charge = localstripe.v1().paymentIntents().retrieve(payment.getStripePaymentIntentId()).getLatestCharge();

        localstripe.v1().refunds().create(com.stripe.param.RefundCreateParams.builder().setCharge(charge).setAmount(1000L).build());
        String afterFirst = localstripe.v1().charges().retrieve(charge).getLastResponse().body();
        localstripe.v1().refunds().create(com.stripe.param.RefundCreateParams.builder().setCharge(charge).setAmount(500L).build());
        String afterSecond = localstripe.v1().charges().retrieve(charge).getLastResponse().body();

        deliver("charge.refunded", afterSecond);
        // Was: +1500 owed again, which autopay then collected a second time.
        assertEquals(0, balance(login).getBalance(), "a refund gives money back and credits what it paid: nothing is owed again");
        deliver("charge.refunded", afterFirst);
        deliver("charge.refunded", afterSecond);
        assertEquals(0, balance(login).getBalance(), "older and repeated events post nothing more");
        List<LedgerEntry> refunds = allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.REFUND).toList();
        assertEquals(2, refunds.size());
        assertEquals(1500, refunds.stream().mapToLong(LedgerEntry::getAmount).sum());
        assertTrue(refunds.stream().allMatch(e -> payment.getId().equals(e.getPaymentId())));
        assertEquals(-1500, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.ADJUSTMENT)
                .mapToLong(LedgerEntry::getAmount).sum(), "each refund's credit");
        assertLedgerAddsUp(login);
    }
}
