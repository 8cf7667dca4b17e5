package dev.ledgerline.config;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.ConfigApi;
import dev.ledgerline.client.model.BillingConfig;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest
class ConfigIT extends ApiTestSupport {

    @Test
    void configComesFromTheEnvironment() throws ApiException {
        BillingConfig config = new ConfigApi(as(signupAndLogin())).getBillingConfig();
        assertEquals("pk_test_ledgerline", config.getPublishableKey());
        assertEquals("usd", config.getDefaultCurrency());
        assertEquals("http://127.0.0.1:8420/js.stripe.com/v3/", config.getStripeJsUrl());
    }
}
