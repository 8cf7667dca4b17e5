package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

/**
 * The parts of a Stripe Charge this service reads. Its refunds are not among them: an event's copy
 * may be stale, so they are always listed from Stripe ({@link StripeGateway#listRefunds}).
 */
public record StripeCharge(String id, @Nullable String paymentIntent, @Nullable String customer, @Nullable String currency) {
}
