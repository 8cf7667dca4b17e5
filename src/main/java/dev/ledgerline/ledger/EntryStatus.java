package dev.ledgerline.ledger;

/** Settled entries make up {@code balance}; pending ones make up {@code pendingCharges}. */
public enum EntryStatus {
    PENDING, SETTLED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntryStatus of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
