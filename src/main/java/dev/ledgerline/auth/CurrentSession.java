package dev.ledgerline.auth;

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

    static final String ATTRIBUTE = "ledgerline.session";

    public AuthenticatedSession get() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ATTRIBUTE, AuthenticatedSession.class))
                .orElseThrow(() -> new IllegalStateException("No authenticated session on this request"));
    }

    public String accountId() {
        return get().accountId();
    }

    /** The session the filter attached to {@code request}, if it authenticated one. */
    public static Optional<AuthenticatedSession> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AuthenticatedSession.class);
    }
}
