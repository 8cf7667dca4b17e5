package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/** Pay the balance with a saved card: Stripe confirms at once, then sends payment_intent.succeeded and charge.succeeded. */
public final class CardPaymentSucceeds implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        stripe.card();
        stripe.owe(4200);
        Payment payment = stripe.payBalance("succeeded");
        stripe.emit("payment_intent.succeeded", stripe.intent(payment, "succeeded", null));
        stripe.emit("charge.succeeded", stripe.charge(payment.getStripePaymentIntentId(), stripe.id("ch"), 4200, "succeeded"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 4200L, LedgerEntryType.PAYMENT, -4200L));
    }

    @Override
    public String toString() {
        return "card payment succeeds";
    }
}
