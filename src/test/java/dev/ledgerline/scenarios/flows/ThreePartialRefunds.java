package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.Scenario;

import java.util.Map;

/**
 * Three partial refunds of one payment: each sends charge.refunded (the charge carrying every refund
 * so far, amount_refunded cumulative) and refund.created. Refunds are balance-neutral: each is
 * reversed and credited, so nothing is owed again.
 */
public final class ThreePartialRefunds implements Flow {

    @Override
    public Ending play(Scenario stripe) throws Exception {
        Paid paid = Paid.card(stripe, 6000);
        String first = paid.refund(stripe, stripe.id("re"), 1000, "succeeded");
        stripe.emit("refund.created", first);
        stripe.emit("charge.refunded", paid.charge(stripe, "succeeded", first));
        String second = paid.refund(stripe, stripe.id("re"), 1500, "succeeded");
        stripe.emit("refund.created", second);
        stripe.emit("charge.refunded", paid.charge(stripe, "succeeded", first, second));
        String third = paid.refund(stripe, stripe.id("re"), 500, "succeeded");
        stripe.emit("refund.created", third);
        stripe.emit("charge.refunded", paid.charge(stripe, "succeeded", first, second, third));
        return new Ending(0, 0, 0, 0, PaymentStatus.SUCCEEDED, Map.of(LedgerEntryType.CHARGE, 6000L, LedgerEntryType.PAYMENT, -6000L,
                LedgerEntryType.REFUND, 3000L, LedgerEntryType.ADJUSTMENT, -3000L));
    }

    @Override
    public String toString() {
        return "three partial refunds";
    }
}
