package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.AccountStanding;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentConfirmation;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How Stripe answers an off-session charge the bank will not take without the customer: a 402
 * {@code card_error} with code {@code authentication_required}, the PaymentIntent back at
 * requires_payment_method and kept for an on-session confirmation (Stripe's "Charge saved cards
 * off-session" guide: "notify your customer to return to your application to complete the
 * payment"). localstripe cannot decline so (its 3-D Secure card waits in requires_action), so the
 * decline is Stripe's answer built around the intent stripe-mock made, and the events that follow
 * are signed as Stripe sends them.
 */
@MicronautTest
class AuthenticationRequiredIT extends StripeMockProxyTestSupport {

    private static final String NEEDS_AUTHENTICATION = "Your card was declined. This transaction requires authentication.";

    @Inject
    Janitor janitor;

    private Payment declinedForAuthentication(LoginResponse login, long amount) throws Exception {
        addCard(login);
        addCharge(login, amount);
        proxy.declineNext("/v1/payment_intents", CustomerActions.AUTHENTICATION_REQUIRED, NEEDS_AUTHENTICATION);
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.REQUIRES_ACTION, payment.getStatus(), "it waits for the customer, it is not failed");
        assertEquals(NEEDS_AUTHENTICATION, payment.getFailureMessage());
        assertNotNull(payment.getStripePaymentIntentId());
        return payment;
    }

    /** The intent as Stripe reports it after a failed confirmation, with {@code code} as its last error. */
    private String declinedIntent(LoginResponse login, Payment payment, String code, String message) throws Exception {
        return StripeObjects.of(intent(login, payment, "requires_payment_method"))
                .setJson("last_payment_error", "{\"type\":\"card_error\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}")
                .json();
    }

    private int cancels(Payment payment) {
        return proxy.count("/v1/payment_intents/" + payment.getStripePaymentIntentId() + "/cancel");
    }

    @Test
    void theCustomerConfirmsWithTheSavedCardAndThePaymentSucceedsOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = declinedForAuthentication(login, 2500);
        assertEquals(0, balance(login).getDue(), "reserved while it waits");
        assertEquals(AccountStanding.GOOD, balance(login).getStanding());

        // Stripe's own event of the decline changes nothing: the payment already waits.
        String declined = declinedIntent(login, payment, CustomerActions.AUTHENTICATION_REQUIRED, NEEDS_AUTHENTICATION);
        deliver("payment_intent.payment_failed", declined);
        deliver("payment_intent.payment_failed", declined);
        assertEquals(PaymentStatus.REQUIRES_ACTION, new PaymentsApi(as(login)).listPayments(1, null).getData().get(0).getStatus());

        PaymentConfirmation confirmation = new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId());
        assertEquals(payment.getStripePaymentIntentId(), confirmation.getPaymentIntentId());
        assertEquals(payment.getPaymentMethodId(), confirmation.getPaymentMethodId(), "confirmed again with its card, on-session");
        assertNotNull(confirmation.getClientSecret());

        // The customer confirmed it in the panel (Stripe.js); Stripe reports the success.
        String succeeded = intent(login, payment, "succeeded");
        deliver("payment_intent.succeeded", succeeded);
        deliver("payment_intent.succeeded", succeeded);
        Payment after = new PaymentsApi(as(login)).listPayments(1, null).getData().get(0);
        assertEquals(PaymentStatus.SUCCEEDED, after.getStatus());
        assertNull(after.getFailureMessage());
        assertEquals(0, balance(login).getBalance());
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
        assertEquals(0, cancels(payment));
        assertEquals("no_action_required",
                expectProblem(409, () -> new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId())).getCode());
    }

    @Test
    void aPendingChallengeNeedsNoPaymentMethod() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = declinedForAuthentication(login, 900);
        // The customer's confirmation reached the bank's challenge: the intent waits in requires_action.
        stripeNowSays(intent(login, payment, "requires_action"));
        PaymentConfirmation confirmation = new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId());
        assertNull(confirmation.getPaymentMethodId(), "Stripe.js only handles the next action");
    }

    @Test
    void theCustomersFailedTryEndsThePaymentOnceItsIntentIsCanceled() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = declinedForAuthentication(login, 1800);

        String failedTry = declinedIntent(login, payment, "payment_intent_authentication_failure",
                "The provided PaymentMethod has failed authentication.");
        deliver("payment_intent.payment_failed", failedTry);
        deliver("payment_intent.payment_failed", failedTry);
        Payment after = new PaymentsApi(as(login)).listPayments(1, null).getData().get(0);
        assertEquals(PaymentStatus.FAILED, after.getStatus());
        assertEquals("The provided PaymentMethod has failed authentication.", after.getFailureMessage());
        assertEquals(1, cancels(payment), "canceled at Stripe once: no browser can collect it later");
        assertTrue(proxy.requests().stream().anyMatch(r -> r.startsWith("POST /v1/payment_intents/" + payment.getStripePaymentIntentId()
                + "/cancel")));
        assertEquals(1800, balance(login).getDue(), "due again");
        assertEquals(AccountStanding.PAST_DUE, balance(login).getStanding());
        assertEquals("no_action_required",
                expectProblem(409, () -> new PaymentsApi(as(login)).startPaymentConfirmation(payment.getId())).getCode());
    }

    @Test
    void theJanitorWaitsForTheActionWindowThenCancelsAndFails() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = declinedForAuthentication(login, 1200);
        clock.advance(Duration.ofHours(2));
        janitor.runOnce();
        login = relogin(login);
        assertEquals(PaymentStatus.REQUIRES_ACTION, new PaymentsApi(as(login)).listPayments(1, null).getData().get(0).getStatus());
        assertEquals(0, cancels(payment));

        clock.advance(Duration.ofDays(3));
        janitor.runOnce();
        janitor.runOnce();
        login = relogin(login);
        Payment after = new PaymentsApi(as(login)).listPayments(1, null).getData().get(0);
        assertEquals(PaymentStatus.FAILED, after.getStatus());
        assertEquals("The payment was not authenticated in time; it was canceled.", after.getFailureMessage());
        assertEquals(1, cancels(payment));
        assertEquals(1200, balance(login).getDue());
        assertEquals(AccountStanding.PAST_DUE, balance(login).getStanding());
    }

    @Test
    void whenTheCustomerConfirmedJustBeforeTheCancelTheSuccessStands() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = declinedForAuthentication(login, 700);
        String waiting = declinedIntent(login, payment, CustomerActions.AUTHENTICATION_REQUIRED, NEEDS_AUTHENTICATION);
        String succeeded = intent(login, payment, "succeeded");
        // The janitor reads the intent still waiting; the customer's confirmation lands before its cancel.
        AtomicInteger reads = new AtomicInteger();
        proxy.rewrite("/v1/payment_intents/" + payment.getStripePaymentIntentId(), json -> reads.getAndIncrement() == 0 ? waiting : succeeded);
        proxy.refuseNext("/v1/payment_intents/" + payment.getStripePaymentIntentId() + "/cancel", 400, "invalid_request_error",
                "payment_intent_unexpected_state", "You cannot cancel this PaymentIntent because it has a status of succeeded.");

        clock.advance(Duration.ofDays(4));
        janitor.runOnce();
        proxy.stopRewriting("/v1/payment_intents/" + payment.getStripePaymentIntentId());
        login = relogin(login);
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(1, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(AccountStanding.GOOD, balance(login).getStanding());
    }

    @Test
    void aCardNeedingAuthenticationGivesWayToTheNextMethod() throws Exception {
        LoginResponse login = signupAndLogin();
        String one = addCard(login);
        String other = addCard(login);
        addCharge(login, 1500);
        proxy.declineNext("/v1/payment_intents", CustomerActions.AUTHENTICATION_REQUIRED, NEEDS_AUTHENTICATION);
        proxy.rewrite("/v1/payment_intents", json -> StripeObjects.of(json).set("status", "succeeded").set("amount_received", 1500).json());
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        proxy.stopRewriting("/v1/payment_intents");
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus(), "another method may pay without the customer");
        List<String> charges = proxy.requests().stream().filter(r -> r.startsWith("POST /v1/payment_intents "))
                .filter(r -> r.contains(payment.getId())).toList();
        assertEquals(2, charges.size());
        String declinedMethod = charges.get(0).contains("payment_method=" + one) ? one : other;
        assertTrue(charges.get(0).contains("payment_method=" + declinedMethod));
        assertEquals(declinedMethod.equals(one) ? other : one, payment.getPaymentMethodId(), "paid by the other card");
    }
}
