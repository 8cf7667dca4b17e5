package dev.ledgerline.payments.checkout;

import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentOutcomes;
import dev.ledgerline.stripe.StripeCheckoutSession;
import dev.ledgerline.stripe.StripeGateway;
import jakarta.inject.Singleton;

/**
 * Applies what a Checkout Session says now to its payment: the session decides, not a try of
 * its PaymentIntent (a declined card leaves the page open for another). Paid -> succeeded;
 * expired -> canceled; completed but unpaid (an async method such as ACH) -> its intent's status
 * (processing until it clears, or failed); still open -> unchanged. The webhook handler, the
 * janitor and reconciliation all settle Checkout payments here.
 */
@Singleton
public class CheckoutSettlement {

    private final PaymentOutcomes outcomes;
    private final StripeGateway stripe;

    public CheckoutSettlement(PaymentOutcomes outcomes, StripeGateway stripe) {
        this.outcomes = outcomes;
        this.stripe = stripe;
    }

    public Payment settle(Payment payment, StripeCheckoutSession session) {
        if ("complete".equals(session.status()) && "paid".equals(session.paymentStatus())) {
            return outcomes.succeed(payment, session.paymentIntent());
        }
        if ("expired".equals(session.status())) {
            return outcomes.cancel(payment, "The Checkout page expired unpaid.", session.paymentIntent());
        }
        if ("complete".equals(session.status()) && session.paymentIntent() != null) {
            return outcomes.apply(payment, stripe.retrievePaymentIntent(session.paymentIntent()));
        }
        return payment;
    }
}
