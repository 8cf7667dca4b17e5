package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * Someone refunds our payment in full from Stripe's Dashboard (no call of ours, no metadata):
 * charge.refunded and refund.created. It is booked like any refund: returned, and credited.
 */
public final class DashboardRefund implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 1800);
        String refund = paid.refund(stripe, stripe.id("re"), 1800, "succeeded");
        stripe.emit("charge.refunded", paid.charge(stripe, "succeeded", refund));
        stripe.emit("refund.created", refund);
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 1800L, LedgerEntryType.PAYMENT, -1800L,
                LedgerEntryType.REFUND, 1800L, LedgerEntryType.ADJUSTMENT, -1800L));
    }

    @Override
    public String toString() {
        return "Dashboard refund of our payment";
    }
}
