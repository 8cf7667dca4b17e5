package dev.ledgerline.reconciliation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The schedule of the service-wide reconciliation; like the other jobs, safe on every instance (what it applies is applied once). */
@Singleton
@Requires(property = "billing.jobs.enabled", notEquals = "false")
public class ReconciliationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationJobs.class);

    private final ReconciliationRuns runs;

    public ReconciliationJobs(ReconciliationRuns runs) {
        this.runs = runs;
    }

    @Scheduled(fixedDelay = "${billing.reconciliation.interval:1h}", initialDelay = "${billing.reconciliation.initial-delay:5m}")
    void reconcile() {
        try {
            ReconciliationReport report = runs.service(true);
            LOG.info("Reconciliation: {} payments checked, {} differences applied, {} left for a person", report.paymentsChecked(),
                    report.applied(), report.unresolved());
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation run failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
