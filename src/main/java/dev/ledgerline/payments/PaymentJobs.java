package dev.ledgerline.payments;

import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.janitor.Janitor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of the payment jobs. Every instance runs them; the jobs are safe to race. Tests
 * turn the schedule off ({@code billing.jobs.enabled=false}) and run the jobs themselves.
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

    @Scheduled(fixedDelay = "${billing.autopay.interval:1h}", initialDelay = "${billing.autopay.initial-delay:2m}")
    void autopay() {
        LOG.info("Autopay run: {}", autopay.runOnce());
    }

    @Scheduled(fixedDelay = "${billing.janitor.interval:5m}", initialDelay = "${billing.janitor.initial-delay:1m}")
    void janitor() {
        LOG.info("Janitor run: {}", janitor.runOnce());
    }
}
