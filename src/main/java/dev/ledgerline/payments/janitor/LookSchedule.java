package dev.ledgerline.payments.janitor;

import dev.ledgerline.payments.Payment;

import java.time.Duration;
import java.time.Instant;

/**
 * When the janitor asks Stripe about a still-open payment again: after half the payment's age,
 * at least the threshold and at most {@link #LONGEST_WAIT}. So the looks come at geometrically
 * growing ages (15 min, 30, 45, 68, 101 ... with the 15 min threshold) until the waits reach the
 * cap: an ACH debit that stays processing for days is asked about a few times a day, not 96 times,
 * while a young payment that is merely late is asked about as soon as before. Only the janitor
 * backs off: a webhook (or the missed-event sweeper) still settles the payment at once, and the
 * cap bounds how late a lost webhook's outcome lands.
 */
final class LookSchedule {

    static final Duration LONGEST_WAIT = Duration.ofHours(6);

    private final Duration threshold;

    LookSchedule(Duration threshold) {
        this.threshold = threshold;
    }

    Instant next(Payment payment, Instant now) {
        Duration halfAge = Duration.between(payment.createdAt(), now).dividedBy(2);
        Duration capped = halfAge.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : halfAge;
        // The threshold wins over the cap, should one configure a threshold longer than it.
        return now.plus(capped.compareTo(threshold) < 0 ? threshold : capped);
    }
}
