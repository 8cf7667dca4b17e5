package dev.ledgerline.ledger;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * The account's balance row. {@code balance} is the sum of settled entries, {@code pendingCharges}
 * the sum of pending ones, {@code pendingPayments} the money in flight; {@code version} grows with
 * every change, so a write can be made conditional on what was read. {@code pastDueSince}: when a
 * payment of the balance first failed, unpaid since (see {@link Standing}).
 */
public record Balance(
        String currency,
        long balance,
        long pendingCharges,
        long pendingPayments,
        long version,
        Instant updatedAt,
        @Nullable Instant pastDueSince) {

    /** What can be charged now: what is owed, less what is already on its way. */
    public long due() {
        return Math.max(0, balance - pendingPayments);
    }

    static Balance empty(String currency, Instant now) {
        return new Balance(currency, 0, 0, 0, 0, now, null);
    }
}
