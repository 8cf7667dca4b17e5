package dev.ledgerline.webhooks;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The schedule of the missed-event sweeper; like the payment jobs, it is safe on every instance. */
@Singleton
@Requires(property = "billing.jobs.enabled", notEquals = "false")
public class WebhookJobs {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookJobs.class);

    private final MissedEventSweeper sweeper;

    public WebhookJobs(MissedEventSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(fixedDelay = "${billing.sweeper.interval:10m}", initialDelay = "${billing.sweeper.initial-delay:3m}")
    void sweep() {
        try {
            sweeper.runOnce();
        } catch (RuntimeException e) {
            // Stripe unreachable, or an emulator without an event list: the next run reads from the same checkpoint.
            LOG.warn("Missed-event sweep failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
