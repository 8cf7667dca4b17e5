package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * A dispute we lose: charge.dispute.created and charge.dispute.funds_withdrawn (needs_response),
 * charge.dispute.updated (under_review), charge.dispute.closed (lost). The cardholder keeps the funds;
 * they are never collected again automatically (a host that wants to bill them posts a charge).
 */
public final class DisputeLost implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 5000);
        String dispute = paid.openDispute(stripe);
        stripe.emit("charge.dispute.closed", paid.dispute(stripe, dispute, "lost"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 5000L, LedgerEntryType.PAYMENT, -5000L));
    }

    @Override
    public String toString() {
        return "dispute lost";
    }
}
