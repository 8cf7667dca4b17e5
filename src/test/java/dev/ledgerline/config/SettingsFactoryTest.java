package dev.ledgerline.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up refuses to run outside dev mode with a required variable missing, and names it. */
class SettingsFactoryTest {

    private static final Map<String, Object> COMPLETE = Map.of(
            "billing.table-name", "billing",
            "stripe.secret-key", "sk_test_x",
            "stripe.publishable-key", "pk_test_x",
            "stripe.webhook-secret", "whsec_x");

    /** Without the "test" environment, so application-test.yml's dev mode does not apply. */
    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }

    private static Throwable startFailure(Map<String, Object> properties) {
        Throwable thrown = assertThrows(Throwable.class, () -> {
            try (ApplicationContext context = start(properties)) {
                context.getBean(StripeSettings.class);
                context.getBean(BillingSettings.class);
            }
        });
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void eachRequiredVariableIsNamedWhenMissing() {
        for (String missing : COMPLETE.keySet()) {
            Map<String, Object> properties = new java.util.HashMap<>(COMPLETE);
            properties.put(missing, "");
            String variable = missing.replace("billing.", "BILLING_").replace("stripe.", "STRIPE_").replace('-', '_').toUpperCase();
            String message = startFailure(properties).getMessage();
            assertTrue(message.contains(variable), () -> message + " should name " + variable);
        }
    }

    @Test
    void devModeFillsLocalDefaults() {
        try (ApplicationContext context = start(Map.of("billing.dev-mode", "true", "billing.table-name", "ledgerline-settings-test"))) {
            BillingSettings billing = context.getBean(BillingSettings.class);
            StripeSettings stripe = context.getBean(StripeSettings.class);
            assertEquals("ledgerline-settings-test", billing.tableName());
            assertTrue(billing.signupEnabled(), "dev mode enables sign-up");
            assertTrue(stripe.secretKey().startsWith("sk_test_"));
            assertTrue(!stripe.toString().contains(stripe.secretKey()) && !stripe.toString().contains(stripe.webhookSecret()),
                    "secrets are left out of toString");
        }
    }

    @Test
    void badCurrencyAndShortServiceKeysAreRefused() {
        Map<String, Object> properties = new java.util.HashMap<>(COMPLETE);
        properties.put("stripe.default-currency", "USD");
        assertTrue(startFailure(properties).getMessage().contains("STRIPE_DEFAULT_CURRENCY"));

        properties = new java.util.HashMap<>(COMPLETE);
        properties.put("billing.service-api-keys", "short");
        assertTrue(startFailure(properties).getMessage().contains("BILLING_SERVICE_API_KEYS"));
    }

    @Test
    void serviceKeysHaveNamesForTheAuditLog() {
        Map<String, String> keys = SettingsFactory.serviceKeys(" host-backend:0123456789abcdef0123456789 , abcdefghijklmnopqrstuvwxyz01 ,"
                + "not a name:zyxwvutsrqponmlkjihgfedcba98");
        assertEquals(java.util.List.of("host-backend", "key-2", "key-3"), java.util.List.copyOf(keys.keySet()));
        assertEquals("0123456789abcdef0123456789", keys.get("host-backend"));
        assertEquals("not a name:zyxwvutsrqponmlkjihgfedcba98", keys.get("key-3"), "a prefix that is not a name is part of the key");
        assertThrows(io.micronaut.context.exceptions.ConfigurationException.class,
                () -> SettingsFactory.serviceKeys("a:0123456789abcdef0123456789,a:abcdefghijklmnopqrstuvwxyz01"));
        assertThrows(io.micronaut.context.exceptions.ConfigurationException.class, () -> SettingsFactory.serviceKeys("name:short"));
    }
}
