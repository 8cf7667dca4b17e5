package dev.ledgerline.config;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.ConfigApi;
import dev.ledgerline.client.model.BillingConfig;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ConfigIT extends ApiTestSupport {

    @Test
    void configComesFromTheEnvironment() throws ApiException {
        BillingConfig config = new ConfigApi(as(signupAndLogin())).getBillingConfig();
        assertEquals("pk_test_ledgerline", config.getPublishableKey());
        assertEquals("usd", config.getDefaultCurrency());
        assertEquals("http://127.0.0.1:8420/js.stripe.com/v3/", config.getStripeJsUrl());
    }

    /** Without STRIPE_EMULATOR (Stripe itself, or stripe-mock as here) everything is offered, with no reason. */
    @Test
    void checkoutAndBankAccountsAreAvailableByDefault() throws ApiException {
        BillingConfig config = new ConfigApi(as(signupAndLogin())).getBillingConfig();
        assertTrue(config.getCheckout().getAvailable());
        assertNull(config.getCheckout().getReason());
        assertTrue(config.getUsBankAccount().getAvailable());
        assertNull(config.getUsBankAccount().getReason());
    }
}
