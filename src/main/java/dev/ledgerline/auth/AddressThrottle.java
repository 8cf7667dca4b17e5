package dev.ledgerline.auth;

import dev.ledgerline.errors.TooManyAttempts;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address, in this instance's memory: logins and sign-ups from one
 * address beyond a burst are refused (429) before any hashing or table write.
 *
 * <p>In memory on purpose. What it protects is this instance's CPU, which is per instance too;
 * behind a load balancer of N instances an address gets N buckets, which is the capacity N
 * instances have. Keeping it in DynamoDB would turn every flooded request into a paid write, the
 * very cost a flood should not cause. The guess limits that must hold across instances (per
 * email and address, per email) are in the table ({@link LoginThrottle}).
 */
@Singleton
public class AddressThrottle {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final double capacity;
    private final double perMilli;
    private final int maxTracked;

    public AddressThrottle(LoginProperties properties, Clock clock) {
        this.clock = clock;
        this.capacity = Math.max(1, properties.addressBurst());
        this.perMilli = Math.max(1, properties.addressPerMinute()) / 60_000.0;
        this.maxTracked = Math.max(1, properties.addressesTracked());
    }

    /** Takes one attempt for {@code address}, or throws {@link TooManyAttempts} with the wait for the next one. */
    public void take(String address) {
        long now = clock.millis();
        if (buckets.size() >= maxTracked) {
            forgetIdle(now);
        }
        Bucket bucket = buckets.size() >= maxTracked ? buckets.get(address) : buckets.computeIfAbsent(address, a -> new Bucket(capacity, now));
        if (bucket == null) {
            // Every tracked address is active (an attack from a huge number of them): the hashing
            // bound still holds, so let this one through rather than refuse a stranger's first try.
            return;
        }
        long waitMillis = bucket.take(now, capacity, perMilli);
        if (waitMillis > 0) {
            long seconds = Math.max(1, (long) Math.ceil(waitMillis / 1e3));
            throw new TooManyAttempts("rate_limited", "Too many attempts from this address; try again in " + seconds + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    /** A full bucket tells nothing the absence of one would not. */
    private void forgetIdle(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().fullAt(now, capacity, perMilli));
    }

    private static final class Bucket {

        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** 0 when taken, else the milliseconds until one token is back. */
        synchronized long take(long now, double capacity, double perMilli) {
            refill(now, capacity, perMilli);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli);
        }

        synchronized boolean fullAt(long now, double capacity, double perMilli) {
            refill(now, capacity, perMilli);
            return tokens >= capacity;
        }

        private void refill(long now, double capacity, double perMilli) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - at) * perMilli);
            at = now;
        }
    }
}
