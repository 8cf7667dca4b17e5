package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.time.Duration;
import java.util.Map;

/**
 * An ACH debit that the bank returns: payment_intent.processing at once; days later
 * payment_intent.payment_failed (back at requires_payment_method) and charge.failed. The amount is due again.
 */
public final class AchFailsAfterDays implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Payment payment = Paid.achDebit(stripe, 3000);
        stripe.later(Duration.ofDays(4));
        stripe.emit("payment_intent.payment_failed", stripe.intent(payment, "requires_payment_method",
                "The customer's bank account could not be debited (insufficient funds)."));
        stripe.emit("charge.failed", stripe.charge(payment.getStripePaymentIntentId(), stripe.id("py"), 3000, "failed"));
        return new Ending(3000, 3000, 0, 0, PaymentStatus.FAILED, Map.of(LedgerEntryType.CHARGE, 3000L));
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public String toString() {
        return "ACH debit fails after days";
    }
}
