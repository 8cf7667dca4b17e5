package dev.ledgerline.store;

/** What a DescribeTable of the billing table says, for readiness; the names are the reason codes health reports. */
public enum TableHealth {
    UP, NOT_ACTIVE, NOT_FOUND, ACCESS_DENIED, UNAVAILABLE;

    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
