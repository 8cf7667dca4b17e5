package dev.ledgerline.accounts;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A customer of the SaaS: the unit that owns payment methods, a ledger and a balance.
 * {@code stripeCustomerId} is set once, on the first setup intent.
 */
public record Account(String accountId, String name, String currency, Instant createdAt, @Nullable String stripeCustomerId) {
}
