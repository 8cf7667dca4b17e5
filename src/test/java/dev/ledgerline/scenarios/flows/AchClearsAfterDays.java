package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.time.Duration;
import java.util.Map;

/** An ACH debit: payment_intent.processing at once; days later payment_intent.succeeded and charge.succeeded. */
public final class AchClearsAfterDays implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Payment payment = Paid.achDebit(stripe, 3000);
        stripe.later(Duration.ofDays(3));
        stripe.emit("payment_intent.succeeded", stripe.intent(payment, "succeeded", null));
        stripe.emit("charge.succeeded", stripe.charge(payment.getStripePaymentIntentId(), stripe.id("py"), 3000, "succeeded"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 3000L, LedgerEntryType.PAYMENT, -3000L));
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public String toString() {
        return "ACH debit clears after days";
    }
}
