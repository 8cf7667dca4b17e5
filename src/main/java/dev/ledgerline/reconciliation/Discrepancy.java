package dev.ledgerline.reconciliation;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One difference between our records and Stripe's: what we say ({@code ours}), what Stripe
 * reports ({@code stripe}), the amount of the object that differs, and whether Stripe's state
 * was applied in the run that found it.
 */
@Serdeable
public record Discrepancy(DiscrepancyKind kind, String accountId, String paymentId, String stripeObjectId, String ours, String stripe,
                          long amount, String currency, boolean applied) {
}
