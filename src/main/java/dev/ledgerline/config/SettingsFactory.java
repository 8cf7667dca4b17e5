package dev.ledgerline.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the raw properties into settings the rest of the service can trust. Outside dev mode a
 * missing required variable stops the start-up with a message naming it; in dev mode local
 * defaults that work against the emulators are used instead.
 */
@Factory
public class SettingsFactory {

    private static final Pattern CURRENCY = Pattern.compile("^[a-z]{3}$");
    private static final int MIN_SERVICE_KEY_LENGTH = 24;
    private static final Pattern SERVICE_KEY_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,40}$");

    @Context
    BillingSettings billingSettings(BillingProperties raw) {
        List<String> missing = new ArrayList<>();
        String table = required(raw.devMode(), raw.tableName(), "BILLING_TABLE_NAME", () -> "ledgerline-dev", missing);
        failIfMissing(missing);
        Map<String, String> keys = serviceKeys(raw.serviceApiKeys());
        // Unset (or blank, as application.yml passes an unset variable) follows dev mode.
        boolean signup = raw.signupEnabled() == null || raw.signupEnabled().isBlank()
                ? raw.devMode()
                : Boolean.parseBoolean(raw.signupEnabled().trim());
        return new BillingSettings(raw.devMode(), table, signup, Map.copyOf(keys), raw.sessionTtl(),
                raw.loginMaxFailures(), raw.loginLockout(), raw.passwordHashIterations());
    }

    /**
     * {@code name:key,name:key}: the name (letters, digits, {@code _ . -}) is what the audit log
     * records as the actor. A key given without a name is called {@code key-<n>} by its position.
     */
    static Map<String, String> serviceKeys(String raw) {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        if (raw == null) {
            return keys;
        }
        int position = 0;
        for (String given : raw.split(",")) {
            String entry = given.trim();
            if (entry.isEmpty()) {
                continue;
            }
            position++;
            int colon = entry.indexOf(':');
            boolean named = colon > 0 && SERVICE_KEY_NAME.matcher(entry.substring(0, colon)).matches();
            String name = named ? entry.substring(0, colon) : "key-" + position;
            String key = named ? entry.substring(colon + 1) : entry;
            if (key.length() < MIN_SERVICE_KEY_LENGTH) {
                throw new ConfigurationException("BILLING_SERVICE_API_KEYS: every key must be at least "
                        + MIN_SERVICE_KEY_LENGTH + " characters long");
            }
            if (keys.putIfAbsent(name, key) != null) {
                throw new ConfigurationException("BILLING_SERVICE_API_KEYS: the name " + name + " is given twice");
            }
        }
        return keys;
    }

    @Context
    StripeSettings stripeSettings(StripeProperties raw, BillingProperties billing) {
        boolean dev = billing.devMode();
        List<String> missing = new ArrayList<>();
        String secretKey = required(dev, raw.secretKey(), "STRIPE_SECRET_KEY", () -> "sk_test_ledgerline_dev", missing);
        String publishableKey = required(dev, raw.publishableKey(), "STRIPE_PUBLISHABLE_KEY", () -> "pk_test_ledgerline_dev", missing);
        String webhookSecret = required(dev, raw.webhookSecret(), "STRIPE_WEBHOOK_SECRET", () -> "whsec_ledgerline_dev", missing);
        failIfMissing(missing);
        String currency = raw.defaultCurrency().trim();
        if (!CURRENCY.matcher(currency).matches()) {
            throw new ConfigurationException("STRIPE_DEFAULT_CURRENCY must be a lower-case ISO 4217 code such as usd, not '" + currency + "'");
        }
        return new StripeSettings(secretKey, publishableKey, webhookSecret, currency,
                orDefault(raw.successUrl(), "http://localhost:8080/?checkout=success"),
                orDefault(raw.cancelUrl(), "http://localhost:8080/?checkout=cancel"),
                blankToNull(raw.apiBase()), raw.jsUrl());
    }

    @Context
    StripeFeatures stripeFeatures(StripeProperties raw) {
        return StripeFeatures.of(StripeEmulator.parse(raw.emulator()));
    }

    private static String required(boolean devMode, String value, String variable, Supplier<String> devDefault, List<String> missing) {
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        if (devMode) {
            return devDefault.get();
        }
        missing.add(variable);
        return null;
    }

    private static void failIfMissing(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new ConfigurationException("Missing required environment variable" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (set it, or BILLING_DEV_MODE=true for local defaults)");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
