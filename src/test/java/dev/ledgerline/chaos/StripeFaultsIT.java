package dev.ledgerline.chaos;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.RandomFaults;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Charges through a proxy that breaks ~20% of the PaymentIntent calls: Stripe 500s, answers that
 * come after the service's read timeout, connections reset after Stripe acted. The proxy keeps
 * Stripe's idempotency promise, so what reaches localstripe is what Stripe would have charged.
 * Afterwards (and after the janitor): no payment has two PaymentIntents, and every payment ended
 * as Stripe did (succeeded exactly when Stripe charged), with the ledger adding up.
 */
@MicronautTest
class StripeFaultsIT extends LocalstripeTestSupport {

    @Inject
    Janitor janitor;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("stripe.api-base", proxy.url(), "stripe.read-timeout", "2s");
    }

    private record Charge(LoginResponse login, String card, int n) {
    }

    @Test
    void noChargeIsDoubledOrLostUnderStripeFaults() throws Exception {
        int accounts = ChaosScale.pick(5, 50);
        int perAccount = ChaosScale.pick(10, 20);
        List<Charge> charges = new ArrayList<>();
        List<LoginResponse> logins = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            LoginResponse login = signupAndLogin();
            logins.add(login);
            String card = addCard(login, VISA);
            for (int n = 0; n < perAccount; n++) {
                charges.add(new Charge(login, card, n));
            }
        }

        RandomFaults faults = new RandomFaults(0.2, 20261124, Duration.ofMillis(2500), path -> path.startsWith("/v1/payment_intents"));
        proxy.injectFaults(faults);
        int callsBefore = proxy.count("/v1/payment_intents");
        Map<String, Integer> answers = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = charges.stream().<Callable<String>>map(c -> () -> {
                try {
                    return new PaymentsApi(as(c.login())).chargeOnce("seat-" + c.n(), new ChargeOnceRequest().paymentMethodId(c.card())
                            .amount(100L + c.n()).description("Seat " + c.n())).getStatus().getValue();
                } catch (ApiException e) {
                    return "HTTP " + e.getCode();
                }
            }).toList();
            for (Future<String> answer : pool.invokeAll(calls)) {
                answers.merge(answer.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
        proxy.stopFaults();
        int stripeCalls = proxy.count("/v1/payment_intents") - callsBefore;
        assertTrue(answers.keySet().stream().noneMatch(a -> a.startsWith("HTTP 5")), () -> "answers " + answers);

        int unknown = answers.getOrDefault("processing", 0);
        clock.advance(Duration.ofMinutes(16));
        int janitorRuns = 0;
        List<Payment> payments;
        do {
            janitor.runOnce();
            janitorRuns++;
            payments = allPayments(logins);
        } while (payments.stream().anyMatch(p -> p.getStatus() == PaymentStatus.PROCESSING) && janitorRuns < 10);

        Map<String, List<String>> intents = proxy.intentsByPayment();
        int doubles = 0;
        int lost = 0;
        for (Payment payment : payments) {
            List<String> created = intents.getOrDefault(payment.getId(), List.of());
            if (created.size() > 1) {
                doubles++;
            }
            boolean charged = created.contains("succeeded");
            if (charged != (payment.getStatus() == PaymentStatus.SUCCEEDED) || payment.getStatus() == PaymentStatus.PROCESSING) {
                lost++;
            }
        }
        for (LoginResponse login : logins) {
            assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance(), "a one-time charge leaves the balance as it was");
        }
        System.out.printf("Stripe faults: %d charges, %d Stripe PaymentIntent calls, %d faults injected (%d 500s, %d late answers, "
                        + "%d resets), answers %s, %d unknown after the call, janitor runs %d, double charges %d, lost payments %d%n",
                charges.size(), stripeCalls, faults.injected(), faults.injected(RandomFaults.Kind.SERVER_ERROR),
                faults.injected(RandomFaults.Kind.TIMEOUT_AFTER_FORWARD), faults.injected(RandomFaults.Kind.RESET_AFTER_FORWARD),
                answers, unknown, janitorRuns, doubles, lost);
        assertEquals(charges.size(), payments.size());
        assertEquals(0, doubles, "double charges");
        assertEquals(0, lost, "payments whose outcome differs from Stripe's");
        assertTrue(faults.injected() > 0);
    }

    private List<Payment> allPayments(List<LoginResponse> logins) throws ApiException {
        List<Payment> all = new ArrayList<>();
        for (LoginResponse login : logins) {
            all.addAll(new PaymentsApi(as(login)).listPayments(100, null).getData());
        }
        return all;
    }
}
