package dev.ledgerline.payments;

import dev.ledgerline.errors.NotFound;
import dev.ledgerline.payments.checkout.CheckoutSettlement;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * A payment brought up to date on the customer's word ("I paid", "I am back from Checkout"), which
 * is never taken as such: the PaymentIntent or Checkout Session is retrieved from Stripe and
 * applied through the same code as the webhooks, so whichever arrives first applies it, once.
 * Webhooks can lag by minutes; this lets the panel show the outcome at once.
 */
@Singleton
public class PaymentRefresh {

    private final PaymentRepo payments;
    private final IntentUpdates updates;
    private final CheckoutSettlement checkout;
    private final StripeGateway stripe;
    private final Clock clock;

    public PaymentRefresh(PaymentRepo payments, IntentUpdates updates, CheckoutSettlement checkout, StripeGateway stripe, Clock clock) {
        this.payments = payments;
        this.updates = updates;
        this.checkout = checkout;
        this.stripe = stripe;
        this.clock = clock;
    }

    public Payment refresh(String accountId, String paymentId) {
        Payment payment = payments.find(accountId, paymentId).orElseThrow(() -> new NotFound("No such payment."));
        if (payment.status().isTerminal() || payment.lockedAt(clock.instant())) {
            return payment; // final, or its request is still trying methods and will record what Stripe answers
        }
        if (payment.kind() == PaymentKind.CHECKOUT) {
            return payment.checkoutSessionId() == null ? payment
                    : checkout.settle(payment, stripe.retrieveCheckoutSession(payment.checkoutSessionId()));
        }
        if (payment.intentId() == null) {
            return payment; // the answer to our create was lost: the janitor finds out what Stripe made of it
        }
        StripePaymentIntent intent = stripe.retrievePaymentIntent(payment.intentId());
        return IntentUpdates.concerns(payment, intent) ? updates.apply(payment, intent) : payment;
    }
}
