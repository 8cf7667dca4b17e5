package dev.ledgerline.accounts;

import java.time.Instant;

/** A customer of the SaaS: the unit that owns payment methods, a ledger and a balance. */
public record Account(String accountId, String name, String currency, Instant createdAt) {
}
