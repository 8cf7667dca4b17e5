package dev.ledgerline.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;

/** Who is acting (for the audit log), read from the request being served (none: a job of the service itself). */
public final class RequestActor {

    static final String SYSTEM = "system";

    /** The request attribute naming the service key that was presented (set by the service-key filter). */
    public static final String SERVICE_KEY_NAME_ATTRIBUTE = "ledgerline.serviceKeyName";

    private RequestActor() {
    }

    public static String current() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isEmpty()) {
            return SYSTEM;
        }
        Optional<String> user = CurrentSession.of(request.get()).map(session -> "user:" + session.userId());
        if (user.isPresent()) {
            return user.get();
        }
        Optional<String> key = request.get().getAttribute(SERVICE_KEY_NAME_ATTRIBUTE, String.class);
        if (key.isPresent()) {
            return "service:" + key.get();
        }
        return request.get().getPath().startsWith("/api/stripe/") ? "stripe" : SYSTEM;
    }

    public static Optional<String> requestId() {
        return ServerRequestContext.currentRequest().flatMap(r -> r.getAttribute(RequestIdFilter.REQUEST_ID_ATTRIBUTE, String.class));
    }
}
