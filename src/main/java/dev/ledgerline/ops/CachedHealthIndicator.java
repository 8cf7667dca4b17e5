package dev.ledgerline.ops;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A health indicator whose probe's answer is reused for {@code ttl}, so load balancers polling
 * every few seconds on every instance cost the dependency one call per {@code ttl} per instance.
 * Polls that arrive while a probe runs wait for it rather than starting their own. The probe runs
 * on the blocking executor, never on the event loop, and must bound its own time.
 */
abstract class CachedHealthIndicator implements HealthIndicator {

    private final long ttlNanos;
    private final ExecutorService executor;
    private HealthResult last;
    private long lastAt;

    protected CachedHealthIndicator(Duration ttl, ExecutorService executor) {
        this.ttlNanos = ttl.toNanos();
        this.executor = executor;
    }

    /** Asks the dependency; never throws. */
    protected abstract HealthResult probe();

    @Override
    public final Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::current, executor));
    }

    synchronized HealthResult current() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= ttlNanos) {
            last = probe();
            lastAt = System.nanoTime();
        }
        return last;
    }

    static HealthResult up(String name) {
        return HealthResult.builder(name, HealthStatus.UP).build();
    }

    /** DOWN with a reason code: never a host, a name, a key or an exception's text. */
    static HealthResult down(String name, String reason) {
        return HealthResult.builder(name, HealthStatus.DOWN).details(Map.of("reason", reason)).build();
    }
}
