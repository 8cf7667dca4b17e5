package dev.ledgerline.support;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Which requests the {@link StripeFaultProxy} breaks, and how: a Stripe 500 before the request
 * reaches the emulator, or, after it did (the ambiguous cases), an answer that comes too late for
 * the client's read timeout or a connection closed without an answer.
 */
public final class RandomFaults {

    public enum Kind { SERVER_ERROR, TIMEOUT_AFTER_FORWARD, RESET_AFTER_FORWARD }

    private final double rate;
    private final Random random;
    private final Duration hold;
    private final Predicate<String> paths;
    private final Map<Kind, AtomicInteger> injected = new ConcurrentHashMap<>();

    /**
     * @param rate  share of matching requests that fail
     * @param hold  how long a "timeout" answer is held (longer than the service's Stripe read timeout)
     * @param paths which request paths may fail
     */
    public RandomFaults(double rate, long seed, Duration hold, Predicate<String> paths) {
        this.rate = rate;
        this.random = new Random(seed);
        this.hold = hold;
        this.paths = paths;
    }

    /** The fault for this request, or null to serve it normally. */
    synchronized Kind next(String path) {
        if (!paths.test(path) || random.nextDouble() >= rate) {
            return null;
        }
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        injected.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        return kind;
    }

    Duration hold() {
        return hold;
    }

    public int injected(Kind kind) {
        AtomicInteger count = injected.get(kind);
        return count == null ? 0 : count.get();
    }

    public int injected() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
