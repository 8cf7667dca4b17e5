package dev.ledgerline.ops;

import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRejection;
import dev.ledgerline.stripe.StripeUnavailable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Readiness (never liveness: restarting an instance cannot fix Stripe): Stripe answers a cheap
 * authenticated read with our key within a short timeout. The answer is reused for
 * {@code billing.health.stripe-cache} (30 s), so polling load balancers do not hammer Stripe.
 * Details name a reason code only, never the key or the API base. With
 * {@code billing.health.stripe-readiness=false} there is no Stripe indicator at all (a Stripe outage
 * then shows only in {@code ledgerline.stripe.calls}), for platforms where every instance being
 * unready at once takes the whole service away, webhooks and balance reads included.
 */
@Singleton
@Requires(property = "billing.health.stripe-readiness", notEquals = "false")
public class StripeHealthIndicator extends CachedHealthIndicator {

    static final String NAME = "stripe";

    private final StripeGateway stripe;
    private final Duration timeout;

    public StripeHealthIndicator(StripeGateway stripe,
                                 @Value("${billing.health.timeout:2s}") Duration timeout,
                                 @Value("${billing.health.stripe-cache:30s}") Duration cache,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        super(cache, executor);
        this.stripe = stripe;
        this.timeout = timeout;
    }

    @Override
    protected HealthResult probe() {
        try {
            stripe.ping(timeout);
            return up(NAME);
        } catch (StripeUnavailable e) {
            return down(NAME, "unavailable");
        } catch (StripeRejection e) {
            return down(NAME, "rejected");
        }
    }
}
