package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * The parts of a Stripe PaymentIntent this service reads. {@code metadata} is never null;
 * {@code amountReceived} is what Stripe actually collected (0 until it succeeds; Stripe always
 * reports it, localstripe does not).
 */
public record StripePaymentIntent(String id, @Nullable String status, @Nullable Long amount, @Nullable String currency,
                                  Map<String, String> metadata, @Nullable String lastErrorMessage, @Nullable Long amountReceived) {
}
