package dev.ledgerline.auth;

import dev.ledgerline.errors.Unauthenticated;
import dev.ledgerline.web.AuthenticatedSession;
import dev.ledgerline.web.BearerToken;
import dev.ledgerline.web.CurrentSession;
import dev.ledgerline.web.FilterOrder;
import dev.ledgerline.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.Optional;

/**
 * Every billing call, logout and session lookup must carry {@code X-SESSION-ID} and the session's
 * bearer token. Missing, unknown, wrong, expired or logged-out all get the same 401, so a caller
 * learns nothing about which part was wrong.
 */
@ServerFilter({"/api/billing/**", "/api/auth/logout", "/api/auth/session"})
@Order(FilterOrder.AUTHENTICATION)
public class SessionAuthFilter {

    static final String SESSION_HEADER = "X-SESSION-ID";
    private static final int MAX_SESSION_ID_LENGTH = 64;

    private final SessionRepo sessions;
    private final SessionCache cache;
    private final Clock clock;

    public SessionAuthFilter(SessionRepo sessions, SessionCache cache, Clock clock) {
        this.sessions = sessions;
        this.cache = cache;
        this.clock = clock;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<AuthenticatedSession> session = resolve(request);
        if (session.isEmpty()) {
            return Problems.response(new Unauthenticated(
                            "A valid X-SESSION-ID header and Authorization: Bearer token are required."), request.getPath())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        CurrentSession.attach(request, session.get());
        return null;
    }

    private Optional<AuthenticatedSession> resolve(HttpRequest<?> request) {
        Optional<String> sessionId = request.getHeaders().getFirst(SESSION_HEADER)
                .filter(id -> !id.isBlank() && id.length() <= MAX_SESSION_ID_LENGTH);
        Optional<String> token = BearerToken.of(request);
        if (sessionId.isEmpty() || token.isEmpty()) {
            return Optional.empty();
        }
        return cache.find(sessionId.get(), sessions::find)
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .filter(s -> TokenHash.matches(s.tokenHash(), token.get()))
                .map(s -> new AuthenticatedSession(s.sessionId(), s.accountId(), s.userId(), s.email(), s.roles()));
    }
}
