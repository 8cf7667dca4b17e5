package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * The parts of a Stripe Subscription this service keeps. Since API version 2025-03-31.basil the
 * period lives on each item, not on the subscription (stripe-java 33 has no
 * Subscription#getCurrentPeriodEnd); the first item's price and period stand for the subscription,
 * which the API reports with one price.
 */
public record StripeSubscription(String id, @Nullable String customer, @Nullable String status, @Nullable String priceId,
                                 @Nullable Instant currentPeriodEnd, boolean cancelAtPeriodEnd) {
}
