package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.store.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** Starting and ending sessions. */
@Singleton
public class Sessions {

    private final SessionRepo sessions;
    private final SessionCache cache;
    private final BillingSettings settings;
    private final Clock clock;

    public Sessions(SessionRepo sessions, SessionCache cache, BillingSettings settings, Clock clock) {
        this.sessions = sessions;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new session and the only copy of its token there will ever be. */
    public record Started(Session session, String token) {
    }

    public Started start(User user) {
        Instant now = clock.instant();
        String token = Ids.randomToken(32);
        Session session = new Session(Ids.newId("sess"), TokenHash.of(token), user.accountId(), user.userId(),
                user.email(), user.roles(), now, now.plus(settings.sessionTtl()));
        sessions.insert(session);
        return new Started(session, token);
    }

    public void end(String sessionId) {
        sessions.delete(sessionId);
        cache.evict(sessionId);
    }
}
