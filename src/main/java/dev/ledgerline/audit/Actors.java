package dev.ledgerline.audit;

import dev.ledgerline.auth.ServiceKeyFilter;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;

/** Who is acting, read from the request being served (none: a job of the service itself). */
final class Actors {

    static final String SYSTEM = "system";

    private Actors() {
    }

    static String current() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isEmpty()) {
            return SYSTEM;
        }
        Optional<String> user = CurrentSession.of(request.get()).map(session -> "user:" + session.userId());
        if (user.isPresent()) {
            return user.get();
        }
        Optional<String> key = request.get().getAttribute(ServiceKeyFilter.KEY_NAME_ATTRIBUTE, String.class);
        if (key.isPresent()) {
            return "service:" + key.get();
        }
        return request.get().getPath().startsWith("/api/stripe/") ? "stripe" : SYSTEM;
    }

    static Optional<String> requestId() {
        return ServerRequestContext.currentRequest().flatMap(r -> r.getAttribute(dev.ledgerline.web.RequestIdFilter.REQUEST_ID_ATTRIBUTE, String.class));
    }
}
