package dev.ledgerline.config;

import dev.ledgerline.api.ConfigApi;
import dev.ledgerline.api.model.BillingConfig;
import io.micronaut.http.annotation.Controller;

@Controller
public class ConfigController implements ConfigApi {

    private final StripeSettings stripe;

    public ConfigController(StripeSettings stripe) {
        this.stripe = stripe;
    }

    @Override
    public BillingConfig getBillingConfig() {
        return new BillingConfig(stripe.publishableKey(), stripe.defaultCurrency(), stripe.jsUrl());
    }
}
