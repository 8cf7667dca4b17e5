package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/**
 * The parts of a Stripe SetupIntent this service reads. {@code failedPaymentMethod} is the method
 * named in {@code last_setup_error} (a failed intent may already have been reset);
 * {@code created} is in epoch seconds (0 if unknown).
 */
public record StripeSetupIntent(String id, @Nullable String status, @Nullable String customer, @Nullable String paymentMethod,
                                @Nullable String clientSecret, @Nullable String nextActionType,
                                @Nullable String failedPaymentMethod, long created) {
}
