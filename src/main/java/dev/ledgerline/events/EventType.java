package dev.ledgerline.events;

/** What an event we emit to the host reports (the contract's {@code EventType}). */
public enum EventType {
    CHARGE_POSTED("charge.posted"),
    CHARGE_SETTLED("charge.settled"),
    CHARGE_REVERSED("charge.reversed"),
    CREDIT_POSTED("credit.posted"),
    PAYMENT_PROCESSING("payment.processing"),
    PAYMENT_REQUIRES_ACTION("payment.requires_action"),
    PAYMENT_SUCCEEDED("payment.succeeded"),
    PAYMENT_FAILED("payment.failed"),
    PAYMENT_CANCELED("payment.canceled"),
    REFUND_CREATED("refund.created"),
    REFUND_FAILED("refund.failed"),
    DISPUTE_OPENED("dispute.opened"),
    DISPUTE_CLOSED("dispute.closed"),
    PAYMENT_METHOD_ADDED("payment_method.added"),
    /** A bank account waiting for its microdeposits to be verified (it is not usable before). */
    PAYMENT_METHOD_VERIFICATION_REQUIRED("payment_method.verification_required"),
    PAYMENT_METHOD_REMOVED("payment_method.removed"),
    PAYMENT_METHOD_DEFAULT_CHANGED("payment_method.default_changed"),
    AUTOPAY_FAILED("autopay.failed");

    private final String value;

    EventType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static EventType of(String value) {
        for (EventType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type " + value);
    }
}
