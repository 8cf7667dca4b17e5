package dev.ledgerline.scenarios.flows;

import dev.ledgerline.client.model.Payment;
import dev.ledgerline.scenarios.Scenario;

/** The starts the flows share: a card payment of the balance that Stripe collected, and its charge; an ACH debit in flight. */
record Paid(Payment payment, String intentId, String chargeId, long amount) {

    static Paid card(Scenario stripe, long amount) throws Exception {
        stripe.card();
        stripe.owe(amount);
        Payment payment = stripe.payBalance("succeeded");
        Paid paid = new Paid(payment, payment.getStripePaymentIntentId(), stripe.id("ch"), amount);
        stripe.emit("payment_intent.succeeded", stripe.intent(payment, "succeeded", null));
        stripe.emit("charge.succeeded", paid.charge(stripe, "succeeded"));
        return paid;
    }

    /**
     * A dispute as Stripe opens it: charge.dispute.created and charge.dispute.funds_withdrawn
     * (needs_response), then charge.dispute.updated once evidence is sent (under_review). Returns its id.
     */
    String openDispute(Scenario stripe) throws Exception {
        String dispute = stripe.id("dp");
        stripe.emit("charge.dispute.created", dispute(stripe, dispute, "needs_response"));
        stripe.emit("charge.dispute.funds_withdrawn", dispute(stripe, dispute, "needs_response"));
        stripe.emit("charge.dispute.updated", dispute(stripe, dispute, "under_review"));
        return dispute;
    }

    /** An ACH debit of the balance that Stripe reports processing (payment_intent.processing), until days later. */
    static Payment achDebit(Scenario stripe, long amount) throws Exception {
        stripe.bankAccount();
        stripe.owe(amount);
        Payment payment = stripe.payBalance("processing");
        stripe.emit("payment_intent.processing", stripe.intent(payment, "processing", null));
        return payment;
    }

    String charge(Scenario stripe, String status, String... refunds) throws Exception {
        return stripe.charge(intentId, chargeId, amount, status, refunds);
    }

    String refund(Scenario stripe, String refundId, long refunded, String status) throws Exception {
        return stripe.refund(intentId, refundId, chargeId, refunded, status);
    }

    String dispute(Scenario stripe, String disputeId, String status) throws Exception {
        return stripe.dispute(intentId, disputeId, chargeId, amount, status);
    }
}
