package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.errors.Unauthenticated;
import dev.ledgerline.web.BearerToken;
import dev.ledgerline.web.FilterOrder;
import dev.ledgerline.web.Problems;
import dev.ledgerline.web.RequestActor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/internal/**} is for other services only: {@code Authorization: Bearer <service key>}
 * with a key from BILLING_SERVICE_API_KEYS; the key's name is kept on the request for the audit log. A session token is not a service key. With no keys
 * configured every internal call is refused.
 */
@ServerFilter("/api/internal/**")
@Order(FilterOrder.AUTHENTICATION)
public class ServiceKeyFilter {

    private final List<Map.Entry<String, String>> keyHashes;

    public ServiceKeyFilter(BillingSettings settings) {
        this.keyHashes = settings.serviceApiKeys().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), TokenHash.of(e.getValue()))).toList();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<String> presented = BearerToken.of(request);
        // Compare against every key without stopping early, so timing does not tell which key was close.
        String name = null;
        if (presented.isPresent()) {
            for (Map.Entry<String, String> key : keyHashes) {
                if (TokenHash.matches(key.getValue(), presented.get())) {
                    name = key.getKey();
                }
            }
        }
        if (name == null) {
            return Problems.response(new Unauthenticated("A valid service API key is required."), request.getPath())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        request.setAttribute(RequestActor.SERVICE_KEY_NAME_ATTRIBUTE, name);
        return null;
    }
}
