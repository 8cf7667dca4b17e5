package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * An off-session charge of a card whose bank asks for 3-D Secure: Stripe declines the confirmation
 * with authentication_required (402, the intent back at requires_payment_method) and sends
 * payment_intent.payment_failed. Nobody is there to authenticate, so nothing is collected and the
 * amount is due again (the customer pays on the panel).
 */
public final class OffSessionNeedsAuthentication implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        stripe.card();
        stripe.owe(1500);
        Payment payment = stripe.payBalanceDeclined("authentication_required", "Your card was declined. This transaction requires authentication.");
        stripe.emit("payment_intent.payment_failed", stripe.intent(payment, "requires_payment_method",
                "Your card was declined. This transaction requires authentication."));
        return new Ending(1500, 1500, 0, 0, PaymentStatus.FAILED, Map.of(LedgerEntryType.CHARGE, 1500L));
    }

    @Override
    public String toString() {
        return "off-session card needs 3-D Secure";
    }
}
