package dev.ledgerline.paymentmethods;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Status of a stored payment method, with the only moves allowed. Setup events can arrive twice or
 * out of order; because every write is conditional on a move in this table, a late
 * {@code requires_action} can never demote an active method, and nothing revives a removed one.
 */
public enum MethodStatus {
    PENDING_VERIFICATION,
    ACTIVE,
    FAILED,
    /** Detached; kept as a tombstone (with a TTL) so a late event cannot bring it back. */
    REMOVED;

    public Set<MethodStatus> next() {
        return switch (this) {
            case PENDING_VERIFICATION -> EnumSet.of(ACTIVE, FAILED, REMOVED);
            case FAILED -> EnumSet.of(ACTIVE, REMOVED);
            case ACTIVE -> EnumSet.of(REMOVED);
            case REMOVED -> EnumSet.noneOf(MethodStatus.class);
        };
    }

    public boolean canBecome(MethodStatus target) {
        return next().contains(target);
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MethodStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
