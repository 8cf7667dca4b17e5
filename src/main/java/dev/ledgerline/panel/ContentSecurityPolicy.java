package dev.ledgerline.panel;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The control panel's Content-Security-Policy: our own origin, plus the configured Stripe.js
 * origin only (scripts, frames and the API calls Stripe.js makes). Real Stripe.js also calls
 * api.stripe.com and frames hooks.stripe.com, which Stripe documents as required with js.stripe.com.
 * Inline scripts run only with the page's nonce; there are none besides the bundle.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {
    }

    static String forPage(String stripeJsUrl, String nonce) {
        String stripe = origin(stripeJsUrl);
        Set<String> connect = new LinkedHashSet<>(Set.of(stripe));
        Set<String> frames = new LinkedHashSet<>(Set.of(stripe));
        if ("https://js.stripe.com".equals(stripe)) {
            connect.add("https://api.stripe.com");
            frames.add("https://hooks.stripe.com");
        }
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self' 'nonce-" + nonce + "' " + stripe,
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: " + stripe,
                "connect-src 'self' " + String.join(" ", connect),
                "frame-src " + String.join(" ", frames),
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'self'");
    }

    /** {@code scheme://host[:port]} of a URL. */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
