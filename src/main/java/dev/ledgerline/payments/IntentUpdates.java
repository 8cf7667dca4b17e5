package dev.ledgerline.payments;

import dev.ledgerline.stripe.StripePaymentIntent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what Stripe reports now about a payment's PaymentIntent, for the webhook and for a
 * refresh alike: an intent for another amount or currency is refused; a failure of an earlier
 * attempt (the payment moved on to the next method) changes nothing; a declined try on a Checkout
 * page leaves the page open (only the session ends a Checkout payment); a failed try of the customer
 * at authenticating a payment ends it once its intent is canceled ({@link CustomerActions}); anything else goes
 * through {@link PaymentOutcomes}, whose conditional writes make a repeat change nothing.
 */
@Singleton
public class IntentUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(IntentUpdates.class);

    private final PaymentOutcomes outcomes;
    private final CustomerActions actions;

    public IntentUpdates(PaymentOutcomes outcomes, CustomerActions actions) {
        this.outcomes = outcomes;
        this.actions = actions;
    }

    /** Whether Stripe's word on this intent can change the payment at all. */
    public static boolean concerns(Payment payment, StripePaymentIntent intent) {
        if (!Long.valueOf(payment.amount()).equals(intent.amount()) || !payment.currency().equals(intent.currency())) {
            LOG.error("PaymentIntent {} is for {} {} but payment {} is for {} {}; not applied", intent.id(), intent.amount(),
                    intent.currency(), payment.id(), payment.amount(), payment.currency());
            return false;
        }
        if (!collects(intent) && !sameAttempt(payment, intent)) {
            LOG.info("Ignoring intent {} of attempt {} of payment {}: it is at attempt {}", intent.id(), attempt(intent), payment.id(),
                    payment.attempt());
            return false;
        }
        return true;
    }

    /** A success or a debit in flight counts whichever attempt made it: the money moved. */
    public static boolean collects(StripePaymentIntent intent) {
        return "succeeded".equals(intent.status()) || "processing".equals(intent.status());
    }

    public Payment apply(Payment payment, StripePaymentIntent intent) {
        if (payment.kind() == PaymentKind.CHECKOUT && "requires_payment_method".equals(intent.status())) {
            // A declined card on Stripe's hosted page: the session stays open, the customer may pay with another card.
            LOG.info("Checkout payment {}: a try was declined ({}); the page stays open", payment.id(), intent.lastErrorMessage());
            return outcomes.recordIntent(payment, intent.id());
        }
        if (payment.status() == PaymentStatus.REQUIRES_ACTION && "requires_payment_method".equals(intent.status())
                && !CustomerActions.waitsForCustomer(intent)) {
            // The customer's own try failed (a failed challenge, another decline); the intent is still open to a browser.
            String message = intent.lastErrorMessage();
            return actions.fail(payment, intent, message == null ? "The payment was not authenticated." : message);
        }
        return outcomes.apply(payment, intent);
    }

    private static boolean sameAttempt(Payment payment, StripePaymentIntent intent) {
        String attempt = attempt(intent);
        return attempt == null || attempt.equals(Integer.toString(payment.attempt()));
    }

    private static String attempt(StripePaymentIntent intent) {
        return intent.metadata().get(PaymentAttempts.ATTEMPT_METADATA);
    }
}
