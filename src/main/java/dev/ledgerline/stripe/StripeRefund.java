package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/** A Stripe Refund: its id, status and amount in minor units. */
public record StripeRefund(String id, @Nullable String status, long amount) {
}
