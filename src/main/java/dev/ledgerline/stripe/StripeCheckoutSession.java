package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** The parts of a Stripe Checkout Session this service reads. {@code metadata} is never null. */
public record StripeCheckoutSession(String id, @Nullable String url, @Nullable String status, @Nullable String paymentStatus,
                                    @Nullable String clientReferenceId, Map<String, String> metadata, @Nullable Long amountTotal,
                                    @Nullable String paymentIntent) {
}
