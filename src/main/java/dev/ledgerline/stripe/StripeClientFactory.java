package dev.ledgerline.stripe;

import com.stripe.StripeClient;
import dev.ledgerline.config.StripeSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** One configured client per service instance; {@code STRIPE_API_BASE} points it at an emulator. */
@Factory
public class StripeClientFactory {

    /** Safe because every write carries an idempotency key: a retried POST is the same request. */
    private static final int NETWORK_RETRIES = 2;

    @Singleton
    StripeClient stripeClient(StripeSettings settings) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setMaxNetworkRetries(NETWORK_RETRIES)
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000);
        if (settings.apiBase() != null) {
            builder.setApiBase(settings.apiBase());
        }
        return builder.build();
    }
}
