package dev.ledgerline.payments;

import java.util.Locale;

/**
 * A payment's state. Open states may change into any other; terminal ones never change, so a late
 * or repeated event cannot move money a second time.
 */
public enum PaymentStatus {
    PROCESSING, REQUIRES_ACTION, SUCCEEDED, FAILED, CANCELED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    public boolean canBecome(PaymentStatus next) {
        return !isTerminal() && next != this;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
