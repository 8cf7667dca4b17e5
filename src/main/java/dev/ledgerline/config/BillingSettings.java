package dev.ledgerline.config;

import java.time.Duration;
import java.util.Map;

/** Resolved service settings: validated at start-up, with dev-mode defaults filled in. */
public record BillingSettings(
        boolean devMode,
        String tableName,
        boolean signupEnabled,
        /** Service API keys by name (the actor the audit log records). */
        Map<String, String> serviceApiKeys,
        Duration sessionTtl,
        int loginMaxFailures,
        Duration loginLockout,
        int passwordHashIterations) {
}
