package dev.ledgerline.subscriptions;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Set;

/**
 * A Stripe subscription as its newest event reported it ({@code asOf} = that event's
 * {@code created}, epoch seconds).
 */
public record StoredSubscription(String id, String status, @Nullable String priceId, @Nullable Instant currentPeriodEnd,
                                 boolean cancelAtPeriodEnd, long asOf) {

    /** Stripe never moves a subscription out of these, so an event of the same second must not either. */
    private static final Set<String> FINAL_STATUSES = Set.of("canceled", "incomplete_expired");

    public boolean isFinal() {
        return FINAL_STATUSES.contains(status);
    }
}
