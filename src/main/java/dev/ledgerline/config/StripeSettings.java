package dev.ledgerline.config;

import io.micronaut.core.annotation.Nullable;

/** Resolved Stripe settings. {@code toString} leaves the secrets out so they never reach a log. */
public record StripeSettings(
        String secretKey,
        String publishableKey,
        String webhookSecret,
        String defaultCurrency,
        String successUrl,
        String cancelUrl,
        @Nullable String apiBase,
        String jsUrl) {

    /** A live secret (or restricted) key: the deployment takes live-mode events only; otherwise test-mode ones. */
    public boolean liveMode() {
        return secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_");
    }

    @Override
    public String toString() {
        return "StripeSettings[publishableKey=" + publishableKey + ", defaultCurrency=" + defaultCurrency
                + ", apiBase=" + apiBase + ", jsUrl=" + jsUrl + ", secrets=<redacted>]";
    }
}
