package dev.ledgerline.panel;

import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control panel's shell at / and its bundle (the browser test in ui/e2e drives the panel itself). */
@MicronautTest
class PanelIT extends ApiTestSupport {

    private URI base() throws Exception {
        return server.getURL().toURI();
    }

    @Test
    void theShellCarriesWhatTheAppNeedsUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = RawHttp.get(base(), "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        String body = page.body();
        assertTrue(body.contains("data-publishable-key=\"pk_test_ledgerline\""));
        assertTrue(body.contains("data-stripe-js-url=\"http://127.0.0.1:8420/js.stripe.com/v3/\""));
        assertTrue(body.contains("data-dev-mode=\"true\""));
        assertFalse(body.contains("sk_test_ledgerline") || body.contains("whsec_"), "no secret reaches the page");

        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        Matcher nonce = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'").matcher(csp);
        assertTrue(nonce.find(), csp);
        assertTrue(body.contains("nonce=\"" + nonce.group(1) + "\""), "the bundle's script tag carries the nonce");
        assertTrue(csp.contains("script-src 'self' 'nonce-" + nonce.group(1) + "' http://127.0.0.1:8420;"), csp);
        assertTrue(csp.contains("connect-src 'self' http://127.0.0.1:8420;"), csp);
        assertTrue(csp.contains("frame-ancestors 'self'") && csp.contains("object-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertEquals("no-store", page.headers().firstValue("cache-control").orElse(""));

        String again = RawHttp.get(base(), "/").headers().firstValue("content-security-policy").orElseThrow();
        assertNotEquals(csp, again, "a fresh nonce per page");
    }

    @Test
    void theBundleIsServed() throws Exception {
        HttpResponse<String> app = RawHttp.get(base(), "/app/app.js");
        assertEquals(200, app.statusCode());
        assertTrue(app.body().length() > 10_000, "the built panel is in the service's resources");
        assertEquals(200, RawHttp.get(base(), "/app/app.css").statusCode());
    }

    @Test
    void stripesOwnOriginsAreAllowedOnlyForRealStripeJs() {
        assertEquals("https://js.stripe.com", ContentSecurityPolicy.origin("https://js.stripe.com/v3/"));
        String real = ContentSecurityPolicy.forPage("https://js.stripe.com/v3/", "n");
        assertTrue(real.contains("connect-src 'self' https://js.stripe.com https://api.stripe.com;"), real);
        assertTrue(real.contains("frame-src https://js.stripe.com https://hooks.stripe.com;"), real);
    }
}
