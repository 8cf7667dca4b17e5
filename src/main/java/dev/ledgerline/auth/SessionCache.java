package dev.ledgerline.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sessions recently read from the table, reused for a short while ({@code billing.session-cache.ttl},
 * 2 s by default) so a busy caller does not cost a DynamoDB read on every request.
 *
 * <p>What it may and may not change: the token is still checked on every request against the
 * cached hash, and expiry against the clock; a logout leaves a "logged out" mark here for the TTL
 * (so a request that read the session just before the delete cannot put it back), and the
 * instance that served the logout refuses the session from the next request on. Another instance
 * may accept the logged-out session until its cached copy is older than the TTL: that is the
 * price, and why the TTL is seconds, not minutes. Unknown sessions are never cached, so a new
 * login is usable on every instance at once.
 *
 * <p>Bounded: at most {@code max-entries} sessions (give or take the requests racing the check).
 * When full, expired entries are swept (at most once per TTL); if it is still full, sessions are
 * simply read from the table, which is correct, only slower.
 */
@Singleton
public class SessionCache {

    /** A cached session, or (session null) the mark of one logged out here. */
    private record Entry(Session session, long cachedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private volatile long lastSweep;

    @Inject
    public SessionCache(SessionCacheProperties properties) {
        this(properties.ttl(), properties.maxEntries(), System::nanoTime);
    }

    SessionCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("billing.session-cache: ttl and max-entries must not be negative");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** The cached session if it is fresh enough, else whatever {@code load} reads (which is then cached). */
    public Optional<Session> find(String sessionId, Function<String, Optional<Session>> load) {
        if (ttlNanos == 0) {
            return load.apply(sessionId);
        }
        long now = nanoTime.getAsLong();
        Entry cached = entries.get(sessionId);
        if (cached != null) {
            if (now - cached.cachedAt() < ttlNanos) {
                return Optional.ofNullable(cached.session());
            }
            entries.remove(sessionId, cached);
        }
        Optional<Session> loaded = load.apply(sessionId);
        loaded.ifPresent(session -> keep(session, now));
        return loaded;
    }

    /** Forgets a session (at logout), so this instance never serves it again. */
    public void evict(String sessionId) {
        if (ttlNanos > 0) {
            entries.put(sessionId, new Entry(null, nanoTime.getAsLong()));
        }
    }

    int size() {
        return entries.size();
    }

    private void keep(Session session, long now) {
        if (entries.size() >= maxEntries && now - lastSweep >= ttlNanos) {
            lastSweep = now;
            entries.values().removeIf(entry -> now - entry.cachedAt() >= ttlNanos);
        }
        if (entries.size() < maxEntries) {
            entries.compute(session.sessionId(), (id, existing) ->
                    existing != null && existing.session() == null && now - existing.cachedAt() < ttlNanos ? existing : new Entry(session, now));
        }
    }
}
