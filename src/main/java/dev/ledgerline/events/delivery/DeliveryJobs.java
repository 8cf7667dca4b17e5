package dev.ledgerline.events.delivery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deliverer's schedule; every instance runs it, and the shard leases keep two from doing the same work. */
@Singleton
@Requires(condition = DeliverySchedule.class)
public class DeliveryJobs {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJobs.class);

    private final Deliverer deliverer;

    public DeliveryJobs(Deliverer deliverer) {
        this.deliverer = deliverer;
    }

    @Scheduled(fixedDelay = "${billing.delivery.interval:5s}", initialDelay = "${billing.delivery.initial-delay:10s}")
    void deliver() {
        try {
            Deliverer.Run run = deliverer.runOnce();
            if (run.events() > 0) {
                LOG.info("Delivery run: {}", run);
            }
        } catch (RuntimeException e) {
            // The table unreachable: what was due stays due, and the next run (or another instance) carries on.
            LOG.warn("Delivery run failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
