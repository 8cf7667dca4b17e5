package dev.ledgerline.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/** The {@code stripe.*} settings as given (application.yml maps the STRIPE_* variables here). */
@ConfigurationProperties("stripe")
public record StripeProperties(
        @Nullable String secretKey,
        @Nullable String publishableKey,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "usd") String defaultCurrency,
        @Nullable String successUrl,
        @Nullable String cancelUrl,
        @Nullable String apiBase,
        @Bindable(defaultValue = "https://js.stripe.com/v3/") String jsUrl,
        @Nullable String emulator) {
}
