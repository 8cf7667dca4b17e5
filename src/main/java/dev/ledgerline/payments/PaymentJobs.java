package dev.ledgerline.payments;

import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.janitor.Janitor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of the payment jobs. Every instance ticks every {@code billing.jobs.tick} and works
 * the shards of the current cycle nobody has worked yet (autopay's cycle is its interval, the
 * janitor's likewise), so the instances share each cycle. Tests turn the schedule off
 * ({@code billing.jobs.enabled=false}) and run the jobs themselves.
 */
@Singleton
@Requires(property = "billing.jobs.enabled", notEquals = "false")
public class PaymentJobs {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentJobs.class);

    private final AutopayJob autopay;
    private final Janitor janitor;

    public PaymentJobs(AutopayJob autopay, Janitor janitor) {
        this.autopay = autopay;
        this.janitor = janitor;
    }

    @Scheduled(fixedDelay = "${billing.jobs.tick:30s}", initialDelay = "${billing.autopay.initial-delay:2m}")
    void autopay() {
        try {
            AutopayJob.Run run = autopay.runCycle();
            if (run.shards() > 0) {
                LOG.info("Autopay run: {}", run);
            }
        } catch (RuntimeException e) {
            // The table unreachable: the shards not worked through stay open for the next tick (or another instance).
            LOG.warn("Autopay run failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "${billing.jobs.tick:30s}", initialDelay = "${billing.janitor.initial-delay:1m}")
    void janitor() {
        try {
            Janitor.Run run = janitor.runCycle();
            if (run.shards() > 0) {
                LOG.info("Janitor run: {}", run);
            }
        } catch (RuntimeException e) {
            LOG.warn("Janitor run failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
