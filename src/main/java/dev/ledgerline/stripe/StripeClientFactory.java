package dev.ledgerline.stripe;

import com.stripe.StripeClient;
import dev.ledgerline.config.StripeSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** One configured client per service instance; {@code STRIPE_API_BASE} points it at an emulator. */
@Factory
public class StripeClientFactory {

    /** Safe because every write carries an idempotency key: a retried POST is the same request. */
    private static final int NETWORK_RETRIES = 2;

    /**
     * A read timeout well under a request's patience: an unanswered charge becomes "unknown" (the
     * payment stays processing for the janitor) instead of holding the caller.
     */
    @Singleton
    StripeClient stripeClient(StripeSettings settings, @Value("${stripe.read-timeout:20s}") Duration readTimeout) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setMaxNetworkRetries(NETWORK_RETRIES)
                .setConnectTimeout(5_000)
                .setReadTimeout((int) readTimeout.toMillis());
        if (settings.apiBase() != null) {
            builder.setApiBase(settings.apiBase());
        }
        return builder.build();
    }
}
