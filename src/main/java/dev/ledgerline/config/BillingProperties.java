package dev.ledgerline.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** The {@code billing.*} settings as given (application.yml maps the BILLING_* variables here). */
@ConfigurationProperties("billing")
public record BillingProperties(
        @Bindable(defaultValue = "false") boolean devMode,
        @Nullable String tableName,
        @Nullable String signupEnabled,
        @Nullable String serviceApiKeys,
        @Bindable(defaultValue = "12h") Duration sessionTtl,
        @Bindable(defaultValue = "5") int loginMaxFailures,
        @Bindable(defaultValue = "15m") Duration loginLockout,
        @Bindable(defaultValue = "600000") int passwordHashIterations) {
}
