package dev.ledgerline.auth;

import dev.ledgerline.errors.TooManyAttempts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code K} password hashes at once on this instance. A PBKDF2 of 600,000 iterations is a
 * few hundred milliseconds of one core; unbounded, a few requests a second fill every core and the
 * payments on the same instance wait. A short queue absorbs a burst of real logins; beyond it a
 * request is refused at once (429, {@code Retry-After: 1}) without hashing, so a flood costs a
 * semaphore check, not a core.
 */
@Singleton
public class HashingGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore admitted;
    private final Semaphore hashing;
    private final long waitNanos;
    private final Counter refused;

    public HashingGate(LoginProperties properties, MeterRegistry registry) {
        int slots = properties.hashingSlots();
        this.hashing = new Semaphore(slots);
        this.admitted = new Semaphore(slots + Math.max(0, properties.hashQueue()));
        this.waitNanos = properties.hashQueueWait().toNanos();
        this.refused = Counter.builder("ledgerline.auth.hashing.refused")
                .description("Logins and sign-ups refused because every hashing slot was busy").register(registry);
    }

    /** A hashing slot, held until closed; throws {@link TooManyAttempts} (nothing hashed) when none comes free. */
    public Slot enter() {
        if (!admitted.tryAcquire()) {
            throw busy();
        }
        boolean got;
        try {
            got = hashing.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            admitted.release();
            throw busy();
        }
        return new Slot();
    }

    private TooManyAttempts busy() {
        refused.increment();
        return new TooManyAttempts("busy", "The service is busy signing other people in; try again in a second.", RETRY_AFTER);
    }

    /** One hash's permission; close it when the hash is done. */
    public final class Slot implements AutoCloseable {

        private boolean open = true;

        private Slot() {
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                hashing.release();
                admitted.release();
            }
        }
    }
}
