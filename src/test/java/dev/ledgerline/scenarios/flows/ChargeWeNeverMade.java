package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * A charge of our customer that none of our payments made (a subscription's invoice, say):
 * charge.succeeded, then its refund (charge.refunded, refund.created) and a dispute. None of it is
 * ours to book: the balance keeps what the host charged.
 */
public final class ChargeWeNeverMade implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        stripe.card();
        stripe.owe(1200);
        String intent = stripe.foreignIntentId();
        String charge = stripe.id("ch");
        stripe.emit("charge.succeeded", stripe.charge(intent, charge, 5000, "succeeded"));
        String refund = stripe.refund(intent, stripe.id("re"), charge, 5000, "succeeded");
        stripe.emit("charge.refunded", stripe.charge(intent, charge, 5000, "succeeded", refund));
        stripe.emit("refund.created", refund);
        stripe.emit("charge.dispute.created", stripe.dispute(intent, stripe.id("dp"), charge, 5000, "needs_response"));
        return new Ending(1200, 1200, 0, 0, null, Map.of(LedgerEntryType.CHARGE, 1200L));
    }

    @Override
    public String toString() {
        return "a charge we never made, refunded";
    }
}
