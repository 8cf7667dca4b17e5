package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/** The parts of a Stripe PaymentMethod this service reads; {@code card} and {@code bank} as Stripe filled them. */
public record StripePaymentMethod(String id, @Nullable String type, @Nullable String customer, @Nullable Card card,
                                  @Nullable BankAccount bank) {

    public record Card(@Nullable String brand, @Nullable String last4, @Nullable Integer expMonth, @Nullable Integer expYear) {
    }

    public record BankAccount(@Nullable String bankName, @Nullable String last4) {
    }
}
