package dev.ledgerline.chaos;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.DynamoFaults;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.ServiceInstance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Store faults: transactions refused for conflicts and transactions whose answer was lost become
 * clean 409s and 503s (never a 500, never half a write), and repeating with the same
 * Idempotency-Key lands each charge exactly once. And a crash between Stripe's answer and our
 * write (the instance is stopped mid-request) is recovered by the janitor without charging again.
 */
@MicronautTest
class StoreFaultsIT extends LocalstripeTestSupport {

    @Inject
    DynamoFaults faults;

    @Inject
    Janitor janitor;

    @Inject
    ApplicationContext context;

    @Test
    void conflictsAndLostAnswersNeverDoubleOrHalfAWrite() throws Exception {
        int charges = ChaosScale.pick(60, 600);
        List<LoginResponse> logins = List.of(signupAndLogin(), signupAndLogin(), signupAndLogin());
        InternalApi internal = new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));
        AtomicInteger conflicts409 = new AtomicInteger();
        AtomicInteger unavailable503 = new AtomicInteger();
        faults.arm(0.3, 0.1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < charges; i++) {
                String account = logins.get(i % logins.size()).getAccountId();
                String key = "invoice-" + i;
                long amount = 100 + i;
                calls.add(() -> {
                    for (int attempt = 0; attempt < 30; attempt++) {
                        try {
                            internal.postInternalCharge(account, key, new ChargeRequest().amount(amount).description("Invoice " + key));
                            return null;
                        } catch (ApiException e) {
                            assertTrue(e.getCode() == 409 || e.getCode() == 503, () -> "status " + e.getCode() + ": " + e.getResponseBody());
                            (e.getCode() == 409 ? conflicts409 : unavailable503).incrementAndGet();
                        }
                    }
                    throw new AssertionError("charge " + key + " never landed");
                });
            }
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            faults.disarm();
            pool.shutdown();
        }
        long expected = 0;
        for (int a = 0; a < logins.size(); a++) {
            long sum = 0;
            int count = 0;
            for (int i = a; i < charges; i += logins.size()) {
                sum += 100 + i;
                count++;
            }
            assertEquals(sum, new LedgerApi(as(logins.get(a))).getBalance().getBalance(), "each charge counted once");
            assertEquals(count, allEntries(logins.get(a)).size(), "one entry per idempotency key");
            expected += sum;
        }
        System.out.printf("Store faults: %d charges, %d transactions refused as conflicts and %d answers lost (injected), "
                        + "%d clean 409s and %d clean 503s answered and retried, 0 double or half writes (%d minor units in all)%n",
                charges, faults.conflicts.get(), faults.lostAnswers.get(), conflicts409.get(), unavailable503.get(), expected);
        assertTrue(faults.conflicts.get() > 0 && faults.lostAnswers.get() > 0);
    }

    @Test
    void aCrashBetweenStripesAnswerAndOurWriteIsRecoveredByTheJanitor() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(3300L).description("November"));
        int before = proxy.forwarded("/v1/payment_intents");
        proxy.holdAnswers("/v1/payment_intents", Duration.ofSeconds(2));
        ServiceInstance doomed = ServiceInstance.besides(context, Map.of("stripe.api-base", proxy.url()));
        CompletableFuture<Object> request = CompletableFuture.supplyAsync(() -> {
            try {
                return new PaymentsApi(as(login, doomed.url())).payBalance(null, null);
            } catch (ApiException e) {
                return e;
            }
        });
        while (proxy.forwarded("/v1/payment_intents") == before) {
            Thread.sleep(5);
        }
        doomed.close(); // Stripe has charged; the instance dies before it can write that down
        request.handle((result, error) -> result).get();
        proxy.holdAnswers("/v1/payment_intents", Duration.ZERO);

        Payment stuck = new PaymentsApi(as(login)).listPayments(10, null).getData().get(0);
        assertEquals(PaymentStatus.PROCESSING, stuck.getStatus(), "the crash left the payment unknown");
        assertNull(stuck.getStripePaymentIntentId());
        assertEquals(0, new LedgerApi(as(login)).getBalance().getDue(), "its amount stays reserved");

        clock.advance(Duration.ofMinutes(16));
        assertEquals(1, janitor.runOnce().resolved());
        Payment recovered = new PaymentsApi(as(relogin(login))).listPayments(10, null).getData().get(0);
        assertEquals(PaymentStatus.SUCCEEDED, recovered.getStatus());
        assertEquals(1, proxy.forwarded("/v1/payment_intents") - before, "Stripe was asked to charge once");
        assertEquals(0, new LedgerApi(as(relogin(login))).getBalance().getBalance());
    }
}
