package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the janitor does with payments that stay open: a create whose first answer was a Stripe
 * 500 (which Stripe saves under the idempotency key and replays for 24 h) is decided by searching
 * Stripe, not replayed for a day with its amount held; and an ACH debit processing for days is
 * asked about less and less often, not every threshold.
 */
@MicronautTest
class JanitorReplayIT extends StripeMockProxyTestSupport {

    private static final String CREATE = "/v1/payment_intents";
    private static final String SEARCH = "/v1/payment_intents/search";

    @Inject
    Janitor janitor;

    private Payment latest(LoginResponse login) throws Exception {
        return new PaymentsApi(as(relogin(login))).listPayments(10, null).getData().get(0);
    }

    /** A card payment whose create Stripe answered with a 500 it saved under the key. */
    private Payment failedOnStripesEnd(LoginResponse login, long amount, boolean stripeActed) throws Exception {
        addCard(login);
        addCharge(login, amount);
        proxy.failSavedUnderKey(CREATE, stripeActed);
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus(), "a Stripe 500 leaves the outcome open");
        assertNull(payment.getStripePaymentIntentId());
        assertEquals(0, balance(login).getDue(), "its amount is reserved");
        return payment;
    }

    @Test
    void aCreateStripeFailedOnItsEndAndNeverMadeFailsOnceSearchWouldShowItAndItsAmountIsDueAgain() throws Exception {
        LoginResponse login = signupAndLogin();
        int created = proxy.forwarded(CREATE);
        Payment payment = failedOnStripesEnd(login, 2500, false);
        int searches = proxy.count(SEARCH);

        clock.advance(Duration.ofMinutes(16));
        janitor.runOnce();
        assertEquals(searches + 1, proxy.count(SEARCH), "the replay's saved 500 says nothing, so it searched");
        assertEquals(PaymentStatus.PROCESSING, latest(login).getStatus(), "too recent for Stripe's search to be sure");

        // Within two hours (the search lag bound), not the 23 h the replay window would take.
        for (int run = 0; run < 12 && latest(login).getStatus() == PaymentStatus.PROCESSING; run++) {
            clock.advance(Duration.ofMinutes(15));
            janitor.runOnce();
        }
        Payment ended = latest(login);
        assertEquals(PaymentStatus.FAILED, ended.getStatus());
        assertEquals(payment.getId(), ended.getId());
        assertEquals(2500, balance(relogin(login)).getDue(), "nothing was charged, so it is due again");
        assertEquals(created, proxy.forwarded(CREATE), "Stripe never made an intent for it");
    }

    @Test
    void aCreateStripeFailedOnItsEndAfterMakingTheIntentIsAppliedFromTheSearch() throws Exception {
        LoginResponse login = signupAndLogin();
        int created = proxy.forwarded(CREATE);
        Payment payment = failedOnStripesEnd(login, 3100, true);
        String made = StripeObjects.of(StripeEvents.stripeMock().v1().paymentIntents().retrieve("pi_made").getLastResponse().body())
                .set("id", "pi_made" + payment.getId().replace("-", "")).set("status", "succeeded").set("amount", 3100).set("amount_received", 3100)
                .set("currency", "usd").set("customer", customerOf(login))
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\",\"ledgerline_attempt\":\"1\"}")
                .json();
        proxy.rewrite(SEARCH, json -> "{\"object\":\"search_result\",\"url\":\"" + SEARCH + "\",\"has_more\":false,\"data\":[" + made + "]}");

        clock.advance(Duration.ofMinutes(16));
        janitor.runOnce();
        Payment ended = latest(login);
        assertEquals(PaymentStatus.SUCCEEDED, ended.getStatus());
        assertTrue(ended.getStripePaymentIntentId().startsWith("pi_made"));
        assertEquals(0, balance(relogin(login)).getBalance(), "paid once");
        assertEquals(created + 1, proxy.forwarded(CREATE), "the replays did not reach Stripe again");
    }

    @Test
    void anAchDebitProcessingForDaysIsAskedAboutLogarithmicallyOftenNotEveryThreshold() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = processingDebit(login, 4200);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());
        String intentPath = "/v1/payment_intents/" + payment.getStripePaymentIntentId();
        String processing = intent(login, payment, "processing");
        proxy.rewrite(intentPath, json -> processing);
        int fetchesBefore = proxy.count(intentPath);

        // Four days in the janitor's 15-minute steps (it runs every 5 minutes; every third run is the same here).
        for (int run = 0; run < 4 * 24 * 4; run++) {
            clock.advance(Duration.ofMinutes(15));
            janitor.runOnce();
        }
        int fetches = proxy.count(intentPath) - fetchesBefore;
        System.out.printf("ACH debit processing for 4 days: %d fetches of its intent%n", fetches);
        // Without a backoff, every step (384); with it, 22: ~10 looks up to 12 h old, then one per 6 h.
        assertTrue(fetches <= 25, "fetched " + fetches + " times in 4 days");
        assertEquals(PaymentStatus.PROCESSING, latest(login).getStatus());

        // The debit clears and its webhook is lost: the janitor still sees it within the 6 h cap.
        String cleared = intent(login, payment, "succeeded");
        proxy.rewrite(intentPath, json -> cleared);
        for (int run = 0; run < 6 * 4 && latest(login).getStatus() == PaymentStatus.PROCESSING; run++) {
            clock.advance(Duration.ofMinutes(15));
            janitor.runOnce();
        }
        assertEquals(PaymentStatus.SUCCEEDED, latest(login).getStatus());
        assertEquals(0, balance(relogin(login)).getBalance());
    }
}
