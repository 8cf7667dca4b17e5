package dev.ledgerline.reconciliation;

/** How our records and Stripe's differ; the contract's {@code DiscrepancyKind} says which are applied. */
public enum DiscrepancyKind {
    PAYMENT_NOT_RECORDED,
    PAYMENT_RECORDED_AS_FAILED,
    PAYMENT_NOT_AT_STRIPE,
    AMOUNT_MISMATCH,
    PAYMENT_CANCELED_AT_STRIPE,
    REFUND_NOT_BOOKED,
    REFUND_FAILURE_NOT_BOOKED,
    REFUND_BOOKED_NOT_AT_STRIPE,
    DISPUTE_NOT_HELD,
    DISPUTE_NOT_RELEASED,
    DISPUTE_BOOKED_NOT_AT_STRIPE;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
