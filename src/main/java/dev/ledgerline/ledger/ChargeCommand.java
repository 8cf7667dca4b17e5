package dev.ledgerline.ledger;

import dev.ledgerline.store.Hashes;

/** A charge to post: what the internal and dev endpoints ask for, in minor units. */
public record ChargeCommand(long amount, String currency, String description, boolean settled) {

    /** Identifies the request's content, so a reused idempotency key with another body is caught. */
    String fingerprint() {
        return Hashes.sha256Hex(amount + "\n" + currency + "\n" + settled + "\n" + description);
    }
}
