package dev.ledgerline.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The session of the request being served. Generated controller interfaces carry no session
 * parameter, so controllers ask this instead; the filter has already refused requests without one.
 */
@Singleton
public class CurrentSession {

    private static final String ATTRIBUTE = "ledgerline.session";

    public AuthenticatedSession get() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ATTRIBUTE, AuthenticatedSession.class))
                .orElseThrow(() -> new IllegalStateException("No authenticated session on this request"));
    }

    public String accountId() {
        return get().accountId();
    }

    /** Called by the session filter once it has authenticated the request. */
    public static void attach(HttpRequest<?> request, AuthenticatedSession session) {
        request.setAttribute(ATTRIBUTE, session);
    }

    /** The session the filter attached to {@code request}, if it authenticated one. */
    public static Optional<AuthenticatedSession> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AuthenticatedSession.class);
    }
}
