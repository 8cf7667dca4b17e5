package dev.ledgerline.config;

import java.time.Duration;
import java.util.Set;

/** Resolved service settings: validated at start-up, with dev-mode defaults filled in. */
public record BillingSettings(
        boolean devMode,
        String tableName,
        boolean signupEnabled,
        Set<String> serviceApiKeys,
        Duration sessionTtl,
        int loginMaxFailures,
        Duration loginLockout,
        int passwordHashIterations) {
}
