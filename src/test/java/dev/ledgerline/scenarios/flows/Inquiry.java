package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * An inquiry (a retrieval request before any dispute): charge.dispute.created (warning_needs_response),
 * charge.dispute.updated (warning_under_review), charge.dispute.closed (warning_closed). No funds move.
 */
public final class Inquiry implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 900);
        String inquiry = stripe.id("dp");
        stripe.emit("charge.dispute.created", paid.dispute(stripe, inquiry, "warning_needs_response"));
        stripe.emit("charge.dispute.updated", paid.dispute(stripe, inquiry, "warning_under_review"));
        stripe.emit("charge.dispute.closed", paid.dispute(stripe, inquiry, "warning_closed"));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 900L, LedgerEntryType.PAYMENT, -900L));
    }

    @Override
    public String toString() {
        return "inquiry";
    }
}
