package dev.ledgerline.ledger;

/** What caused a ledger entry. Positive amounts add to what the account owes, negative reduce it. */
public enum EntryType {
    CHARGE, PAYMENT, REFUND, DISPUTE, ADJUSTMENT, CREDIT;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EntryType of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
