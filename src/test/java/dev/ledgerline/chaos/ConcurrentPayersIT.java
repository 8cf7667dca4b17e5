package dev.ledgerline.chaos;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.ServiceInstance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 pay-balance calls at once, split over two instances sharing the table, for one amount due:
 * exactly one Payment and one PaymentIntent at Stripe; every other call gets 409 or that payment.
 */
@MicronautTest
class ConcurrentPayersIT extends LocalstripeTestSupport {

    private static final int PAYERS = 50;

    private ServiceInstance second;

    @Inject
    ApplicationContext context;

    @BeforeAll
    void startSecondInstance() {
        second = ServiceInstance.besides(context, Map.of("stripe.api-base", proxy.url()));
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
    }

    private List<String> payConcurrently(LoginResponse login, Function<Integer, String> idempotencyKey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PAYERS);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < PAYERS; i++) {
                ApiClient client = i % 2 == 0 ? as(login) : as(login, second.url());
                String key = idempotencyKey.apply(i);
                calls.add(() -> {
                    try {
                        return new PaymentsApi(client).payBalance(key, null).getId();
                    } catch (ApiException e) {
                        return "HTTP " + e.getCode();
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private void assertOnePayment(LoginResponse login, List<String> results, int before) throws ApiException {
        Map<String, Long> outcomes = results.stream().collect(Collectors.groupingBy(r -> r.startsWith("pay_") ? "payment" : r,
                Collectors.counting()));
        System.out.printf("Concurrent payers: %d calls over 2 instances -> %s%n", PAYERS, outcomes);
        List<Payment> payments = new PaymentsApi(as(login)).listPayments(100, null).getData();
        assertEquals(1, payments.size(), () -> "outcomes " + outcomes);
        assertTrue(results.stream().allMatch(r -> r.equals(payments.get(0).getId()) || r.equals("HTTP 409")), () -> "outcomes " + outcomes);
        assertEquals(1, proxy.forwarded("/v1/payment_intents") - before, "one PaymentIntent reached Stripe");
        assertEquals(1, proxy.intentsByPayment().get(payments.get(0).getId()).size());
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
    }

    @Test
    void fiftyPayersWithoutKeysMakeOnePayment() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(4400L).description("November"));
        int before = proxy.forwarded("/v1/payment_intents");
        assertOnePayment(login, payConcurrently(login, i -> null), before);
    }

    @Test
    void fiftyPayersWithOneKeyAllGetTheSamePayment() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(3100L).description("November"));
        int before = proxy.forwarded("/v1/payment_intents");
        List<String> results = payConcurrently(login, i -> "pay-november");
        assertOnePayment(login, results, before);
        assertTrue(results.stream().allMatch(r -> r.startsWith("pay_")), "with one key, every caller gets the payment");
    }
}
