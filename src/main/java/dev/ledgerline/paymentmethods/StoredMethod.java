package dev.ledgerline.paymentmethods;

import java.time.Instant;

/**
 * A payment method as stored for an account. {@code rank} orders the fallback (lower first);
 * {@code detailsAsOf} is the Stripe time of the data held, so older updates are not applied.
 */
public record StoredMethod(String id, MethodDetails details, MethodStatus status, long rank, Instant createdAt, long detailsAsOf) {
}
