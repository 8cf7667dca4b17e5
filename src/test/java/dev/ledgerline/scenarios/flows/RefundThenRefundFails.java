package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * A refund Stripe accepts as pending (charge.refunded, refund.created), that the bank later refuses:
 * charge.refund.updated and refund.failed (status failed, amount_refunded back to 0). The money never
 * left, so the refund is reversed and nothing is returned in the end.
 */
public final class RefundThenRefundFails implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 2500);
        String refundId = stripe.id("re");
        String pending = paid.refund(stripe, refundId, 2500, "pending");
        stripe.emit("refund.created", pending);
        stripe.emit("charge.refunded", paid.charge(stripe, "succeeded", pending));
        String failed = paid.refund(stripe, refundId, 2500, "failed");
        stripe.emit("charge.refund.updated", failed);
        stripe.emit("refund.failed", failed);
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 2500L, LedgerEntryType.PAYMENT, -2500L));
    }

    @Override
    public String toString() {
        return "refund, then the refund fails";
    }
}
