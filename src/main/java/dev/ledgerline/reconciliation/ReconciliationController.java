package dev.ledgerline.reconciliation;

import dev.ledgerline.api.ReconciliationApi;
import dev.ledgerline.errors.NotFound;
import io.micronaut.http.annotation.Controller;

/** Service-to-service (the service-key filter guards {@code /api/internal/**}). */
@Controller
public class ReconciliationController implements ReconciliationApi {

    private final ReconciliationRuns runs;

    public ReconciliationController(ReconciliationRuns runs) {
        this.runs = runs;
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport runReconciliation(Boolean dryRun) {
        return ReconciliationMapping.toApi(runs.service(!Boolean.TRUE.equals(dryRun)));
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport getLatestReconciliation() {
        return ReconciliationMapping.toApi(runs.latest().orElseThrow(() -> new NotFound("No reconciliation has run yet.")));
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport reconcileAccount(String accountId, Boolean dryRun) {
        return ReconciliationMapping.toApi(runs.account(accountId, !Boolean.TRUE.equals(dryRun)));
    }
}
