package dev.ledgerline.events.delivery;

import dev.ledgerline.errors.InvalidRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs an endpoint may have: absolute {@code https} with a host, no user info, no fragment;
 * {@code http} only to the machine itself ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and
 * only in dev mode, for a host backend running next to the service.
 */
final class EndpointUrls {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private EndpointUrls() {
    }

    static String check(String url, boolean devMode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url: not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || host.isEmpty()) {
            throw invalid("url: must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("url: must not carry user info or a fragment");
        }
        if (scheme.equals("https")) {
            return url;
        }
        if (scheme.equals("http") && LOOPBACK.contains(host)) {
            if (devMode) {
                return url;
            }
            throw invalid("url: http is accepted in dev mode only; use https");
        }
        throw invalid("url: must be https (http only to localhost in dev mode)");
    }

    private static InvalidRequest invalid(String detail) {
        return new InvalidRequest("invalid_request", detail);
    }
}
