package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * On Stripe's hosted page the first card is declined (payment_intent.payment_failed, the intent back
 * at requires_payment_method, charge.failed; the session stays open), then the customer pays with
 * another: payment_intent.succeeded, charge.succeeded, checkout.session.completed (paid).
 */
public final class CheckoutDeclinedThenPaid implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        stripe.owe(2000);
        Scenario.Checkout page = stripe.checkout();
        String intent = stripe.intentIdOf(page);
        stripe.emit("payment_intent.payment_failed", stripe.checkoutIntent(page, "requires_payment_method", "Your card was declined."));
        stripe.emit("charge.failed", stripe.charge(intent, stripe.id("ch"), 2000, "failed"));
        stripe.emit("payment_intent.succeeded", stripe.checkoutIntent(page, "succeeded", null));
        stripe.emit("charge.succeeded", stripe.charge(intent, stripe.id("ch"), 2000, "succeeded"));
        stripe.emit("checkout.session.completed", stripe.session(page, "complete", "paid"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 2000L, LedgerEntryType.PAYMENT, -2000L));
    }

    @Override
    public String toString() {
        return "Checkout: declined, then paid with another card";
    }
}
