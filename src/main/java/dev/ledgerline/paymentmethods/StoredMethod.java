package dev.ledgerline.paymentmethods;

import java.time.Instant;

/**
 * A payment method as stored for an account. {@code rank} orders the fallback (lower first; ties
 * by id); {@code detailsAsOf} is the time of the data held, so older updates are not applied;
 * {@code activatedAt} is Stripe's time of the event that made it active (0 if it never was).
 */
public record StoredMethod(String id, MethodDetails details, MethodStatus status, long rank, Instant createdAt,
                           long detailsAsOf, long activatedAt) {
}
