package dev.ledgerline.ledger;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's standing, derived when the balance is read (so no job has to move it along):
 * good while nothing failed or nothing is due; past due from the first failed payment of the
 * balance while something is due; suspended once that has lasted the grace period. A payment of
 * the balance that succeeds clears the failure. A credit that covers what is due makes it good at
 * once (nothing is due), but the failure stays on record until a payment succeeds: a later charge
 * left unpaid counts from the first failure.
 */
public record Standing(Kind kind, @Nullable Instant pastDueSince, @Nullable Instant suspendsAt) {

    public enum Kind {
        GOOD, PAST_DUE, SUSPENDED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Standing of(Balance balance, Instant now, Duration grace) {
        if (balance.pastDueSince() == null || balance.due() <= 0) {
            return new Standing(Kind.GOOD, null, null);
        }
        Instant suspendsAt = balance.pastDueSince().plus(grace);
        return new Standing(now.isBefore(suspendsAt) ? Kind.PAST_DUE : Kind.SUSPENDED, balance.pastDueSince(), suspendsAt);
    }
}
