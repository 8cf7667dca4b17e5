package dev.ledgerline.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();

    private Function<String, Optional<Session>> table(boolean exists) {
        return id -> {
            loads.incrementAndGet();
            return exists ? Optional.of(session(id)) : Optional.empty();
        };
    }

    private static Session session(String id) {
        return new Session(id, "hash", "acct_1", "user_1", "a@example.com", List.of("owner"), Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    }

    @Test
    void aSessionIsReadOnceWithinTheTtlAndAgainAfterIt() {
        SessionCache cache = new SessionCache(Duration.ofSeconds(2), 10, nanos::get);
        assertTrue(cache.find("s1", table(true)).isPresent());
        nanos.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertTrue(cache.find("s1", table(true)).isPresent());
        assertEquals(1, loads.get());
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertTrue(cache.find("s1", table(true)).isPresent());
        assertEquals(2, loads.get(), "read again once the cached copy is 2 s old");
    }

    @Test
    void unknownSessionsAreNotCached() {
        SessionCache cache = new SessionCache(Duration.ofSeconds(2), 10, nanos::get);
        assertTrue(cache.find("s1", table(false)).isEmpty());
        assertTrue(cache.find("s1", table(true)).isPresent(), "a session created since is found at once");
    }

    @Test
    void aLogoutHereWinsOverACopyReadJustBeforeIt() {
        SessionCache cache = new SessionCache(Duration.ofSeconds(2), 10, nanos::get);
        cache.find("s1", table(true));
        cache.evict("s1");
        assertTrue(cache.find("s1", table(true)).isEmpty(), "refused at once, without asking the table");
        assertEquals(1, loads.get());
        // A request that read the session before the delete finishes after the logout: it must not put it back.
        SessionCache racing = new SessionCache(Duration.ofSeconds(2), 10, nanos::get);
        assertTrue(racing.find("s2", id -> {
            racing.evict(id);
            return Optional.of(session(id));
        }).isPresent());
        assertTrue(racing.find("s2", table(false)).isEmpty());
    }

    @Test
    void aZeroTtlAlwaysReadsTheTable() {
        SessionCache cache = new SessionCache(Duration.ZERO, 10, nanos::get);
        cache.find("s1", table(true));
        cache.find("s1", table(true));
        cache.evict("s1");
        assertEquals(2, loads.get());
        assertEquals(0, cache.size());
    }

    @Test
    void itHoldsAtMostMaxEntriesAndSweepsExpiredOnesWhenFull() {
        SessionCache cache = new SessionCache(Duration.ofSeconds(2), 3, nanos::get);
        for (int i = 0; i < 10; i++) {
            cache.find("s" + i, table(true));
        }
        assertEquals(3, cache.size());
        assertTrue(cache.find("s9", table(true)).isPresent());
        assertEquals(11, loads.get(), "a session that did not fit is read from the table again");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.find("s10", table(true));
        assertEquals(1, cache.size(), "the expired ones were swept to make room");
    }
}
