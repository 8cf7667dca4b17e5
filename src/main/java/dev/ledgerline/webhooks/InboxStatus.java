package dev.ledgerline.webhooks;

/** Life of a received event: RECEIVED → PROCESSING → PROCESSED | IGNORED | FAILED. */
public enum InboxStatus {
    RECEIVED, PROCESSING, PROCESSED, IGNORED, FAILED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
