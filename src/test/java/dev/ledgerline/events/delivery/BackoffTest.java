package dev.ledgerline.events.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private static void between(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0, actual + " not in [" + low + ", " + high + "]");
    }

    @Test
    void doublesFromTheFirstRetryWithJitterAndStopsAtTheCap() {
        Duration first = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(6);
        for (int i = 0; i < 200; i++) {
            between(Duration.ofSeconds(24), Duration.ofSeconds(36), Backoff.after(1, first, max));
            between(Duration.ofSeconds(48), Duration.ofSeconds(72), Backoff.after(2, first, max));
            between(Duration.ofSeconds(192), Duration.ofSeconds(288), Backoff.after(4, first, max));
            between(max.multipliedBy(8).dividedBy(10), max.multipliedBy(12).dividedBy(10), Backoff.after(40, first, max));
        }
    }
}
