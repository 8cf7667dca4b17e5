package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * A dispute we win: charge.dispute.created and charge.dispute.funds_withdrawn (needs_response),
 * charge.dispute.updated (under_review, evidence sent), charge.dispute.closed (won) and
 * charge.dispute.funds_reinstated. Held while open, released when won: nothing owed, nothing collected.
 */
public final class DisputeWon implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 5000);
        String dispute = paid.openDispute(stripe);
        stripe.emit("charge.dispute.closed", paid.dispute(stripe, dispute, "won"));
        stripe.emit("charge.dispute.funds_reinstated", paid.dispute(stripe, dispute, "won"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 5000L, LedgerEntryType.PAYMENT, -5000L));
    }

    @Override
    public String toString() {
        return "dispute won";
    }
}
