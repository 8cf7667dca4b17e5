package dev.ledgerline.payments;

import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Lets the customer authenticate a payment their bank holds (3-D Secure): the PaymentIntent's
 * client secret for Stripe.js in the panel, read from Stripe itself, which also says whether
 * there is still something to confirm (if not, its state is applied and the answer is a 409):
 * a pending challenge, or an off-session charge the bank declined until the customer authenticates
 * it, which is confirmed with its payment method again ({@link CustomerActions}).
 */
@Singleton
public class PaymentConfirmations {

    /** What the browser takes to Stripe.js. */
    public record Confirmation(String paymentId, String intentId, String clientSecret, @Nullable String paymentMethodId) {
        @Override
        public String toString() {
            return "Confirmation[paymentId=" + paymentId + ", intentId=" + intentId + ", paymentMethodId=" + paymentMethodId + "]";
        }
    }

    private final PaymentRepo payments;
    private final StripeGateway stripe;
    private final IntentUpdates updates;

    public PaymentConfirmations(PaymentRepo payments, StripeGateway stripe, IntentUpdates updates) {
        this.payments = payments;
        this.stripe = stripe;
        this.updates = updates;
    }

    public Confirmation start(String accountId, String paymentId) {
        Payment payment = payments.find(accountId, paymentId).orElseThrow(() -> new NotFound("No such payment."));
        if (payment.status() != PaymentStatus.REQUIRES_ACTION || payment.intentId() == null || payment.kind() == PaymentKind.CHECKOUT) {
            throw notNeeded(payment);
        }
        StripePaymentIntent intent = stripe.retrievePaymentIntent(payment.intentId());
        if (!CustomerActions.waitsForCustomer(intent) || intent.clientSecret() == null) {
            // Stripe has moved on (confirmed elsewhere, canceled, the customer's try failed): applied, as a refresh would.
            Payment now = IntentUpdates.concerns(payment, intent) ? updates.apply(payment, intent) : payment;
            throw notNeeded(now);
        }
        // Declined off-session for want of authentication: Stripe dropped the method from the intent; it is confirmed with it again.
        String method = "requires_payment_method".equals(intent.status()) ? payment.methodId() : null;
        return new Confirmation(payment.id(), intent.id(), intent.clientSecret(), method);
    }

    private static Conflict notNeeded(Payment payment) {
        return new Conflict("no_action_required", "This payment has nothing to confirm: it is " + payment.status().value() + ".");
    }
}
