package dev.ledgerline.config;

import dev.ledgerline.api.ConfigApi;
import dev.ledgerline.api.model.Availability;
import dev.ledgerline.api.model.BillingConfig;
import io.micronaut.http.annotation.Controller;

@Controller
public class ConfigController implements ConfigApi {

    private final StripeSettings stripe;
    private final StripeFeatures features;

    public ConfigController(StripeSettings stripe, StripeFeatures features) {
        this.stripe = stripe;
        this.features = features;
    }

    @Override
    public BillingConfig getBillingConfig() {
        return new BillingConfig(stripe.publishableKey(), stripe.defaultCurrency(), stripe.jsUrl(),
                toApi(features.checkout()), toApi(features.usBankAccount()));
    }

    private static Availability toApi(StripeFeatures.Feature feature) {
        return new Availability(feature.available()).reason(feature.reason());
    }
}
