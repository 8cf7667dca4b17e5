package dev.ledgerline.events.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** When an event is tried again: {@code first} doubling per round, capped at {@code max}, with +-20% jitter. */
final class Backoff {

    private Backoff() {
    }

    static Duration after(int round, Duration first, Duration max) {
        long base = first.toMillis();
        long capped = max.toMillis();
        for (int i = 1; i < round && base < capped; i++) {
            base *= 2;
        }
        base = Math.min(base, capped);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (base * jitter)));
    }
}
