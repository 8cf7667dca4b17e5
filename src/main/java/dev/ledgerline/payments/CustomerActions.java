package dev.ledgerline.payments;

import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import dev.ledgerline.stripe.StripeRejection;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments that wait for their customer to authenticate them (3-D Secure). Stripe leaves such a
 * PaymentIntent in one of two states, and either can still be confirmed from the panel with
 * Stripe.js: {@code requires_action} (the bank's challenge is pending), or
 * {@code requires_payment_method} with {@code last_payment_error.code = authentication_required}
 * (how Stripe answers an off-session charge the bank will not take without the customer: a 402
 * decline, the intent kept for an on-session confirmation).
 * <p>
 * When such a payment ends without the customer's success (their own try failed, or they did not
 * come in time) its intent is canceled at Stripe before the payment ends: a browser still holding
 * the client secret could otherwise confirm it later, and collect a payment we had ended.
 */
@Singleton
public class CustomerActions {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerActions.class);
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";

    private final PaymentOutcomes outcomes;
    private final StripeGateway stripe;

    public CustomerActions(PaymentOutcomes outcomes, StripeGateway stripe) {
        this.outcomes = outcomes;
        this.stripe = stripe;
    }

    /** Whether the intent waits for its customer (and may still succeed once they authenticate it). */
    public static boolean waitsForCustomer(StripePaymentIntent intent) {
        return "requires_action".equals(intent.status())
                || "requires_payment_method".equals(intent.status()) && AUTHENTICATION_REQUIRED.equals(intent.lastErrorCode());
    }

    /**
     * Applies an off-session charge's decline that no other method will follow: the payment waits
     * for its customer when the bank only wants them to authenticate it (and Stripe kept an intent
     * they can confirm), else it fails.
     */
    public Payment declined(Payment payment, StripeRejection declined) {
        boolean needsCustomer = declined.paymentIntentId() != null
                && (AUTHENTICATION_REQUIRED.equals(declined.stripeCode()) || AUTHENTICATION_REQUIRED.equals(declined.declineCode()));
        return needsCustomer
                ? outcomes.requiresAction(payment, declined.paymentIntentId(), declined.getMessage())
                : outcomes.fail(payment, declined.getMessage(), declined.paymentIntentId());
    }

    /** The key of the one cancel of a payment's intent, whoever sends it (a replay gets the first answer). */
    public static String cancelKey(Payment payment) {
        return "cancel:" + payment.id() + ":attempt:" + payment.attempt();
    }

    /**
     * Ends a waiting payment as failed with {@code message}, after canceling its intent; if Stripe
     * collected it meanwhile (the customer confirmed it just before), that is applied instead.
     */
    public Payment fail(Payment payment, StripePaymentIntent intent, String message) {
        StripePaymentIntent after;
        try {
            after = stripe.cancelPaymentIntent(intent.id(), cancelKey(payment));
        } catch (StripeRejection unexpectedState) {
            // Stripe cancels only an intent still open: it has moved on (succeeded, or canceled already); its state says which.
            after = stripe.retrievePaymentIntent(intent.id());
        }
        if ("canceled".equals(after.status())) {
            return outcomes.fail(payment, message, intent.id());
        }
        if (IntentUpdates.collects(after)) {
            LOG.info("Payment {}: intent {} was {} when it was to be canceled; applied", payment.id(), after.id(), after.status());
            return outcomes.apply(payment, after);
        }
        throw new IllegalStateException("PaymentIntent " + intent.id() + " of payment " + payment.id() + " is " + after.status()
                + " after a cancel; looked at again later");
    }
}
