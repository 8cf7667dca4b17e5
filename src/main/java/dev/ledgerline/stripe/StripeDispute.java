package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/** The parts of a Stripe Dispute this service reads; {@code amount} in minor units. */
public record StripeDispute(String id, @Nullable String paymentIntent, @Nullable String charge, @Nullable String currency,
                            @Nullable String status, long amount) {
}
