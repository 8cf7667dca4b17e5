package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/** A Stripe Refund: its id, status, amount in minor units, and the charge and PaymentIntent it gives money back from. */
public record StripeRefund(String id, @Nullable String status, long amount, @Nullable String currency, @Nullable String charge,
                           @Nullable String paymentIntent) {
}
