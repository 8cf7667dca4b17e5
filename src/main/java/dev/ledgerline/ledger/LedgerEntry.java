package dev.ledgerline.ledger;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One append-only ledger line. The id is derived from its cause (an idempotency key, a payment, a
 * Stripe refund or dispute), so the same cause can never post twice.
 */
public record LedgerEntry(
        String id,
        EntryType type,
        long amount,
        String currency,
        String description,
        EntryStatus status,
        @Nullable String paymentId,
        Instant createdAt) {
}
