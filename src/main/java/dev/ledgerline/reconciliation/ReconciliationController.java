package dev.ledgerline.reconciliation;

import dev.ledgerline.api.ReconciliationApi;
import dev.ledgerline.errors.InvalidRequest;
import dev.ledgerline.errors.NotFound;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.annotation.Controller;

import java.util.List;

/** Service-to-service (the service-key filter guards {@code /api/internal/**}). */
@Controller
public class ReconciliationController implements ReconciliationApi {

    private final ReconciliationRuns runs;

    public ReconciliationController(ReconciliationRuns runs) {
        this.runs = runs;
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport runReconciliation(Boolean dryRun) {
        return ReconciliationMapping.toApi(runs.service(!dryRun(dryRun)));
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport getLatestReconciliation() {
        return ReconciliationMapping.toApi(runs.latest().orElseThrow(() -> new NotFound("No reconciliation has run yet.")));
    }

    @Override
    public dev.ledgerline.api.model.ReconciliationReport reconcileAccount(String accountId, Boolean dryRun) {
        return ReconciliationMapping.toApi(runs.account(accountId, !dryRun(dryRun)));
    }

    /**
     * Micronaut reads any text but "true" as false, so {@code ?dryRun=ture} (a typo) would run for
     * real: only "true" and "false" are taken (found by contract fuzzing).
     */
    private static boolean dryRun(Boolean parsed) {
        List<String> given = ServerRequestContext.currentRequest().map(r -> r.getParameters().getAll("dryRun")).orElse(List.of());
        if (given.size() > 1 || given.stream().anyMatch(v -> !v.equals("true") && !v.equals("false"))) {
            throw new InvalidRequest("dry_run_invalid", "dryRun is true or false, given once.");
        }
        return Boolean.TRUE.equals(parsed);
    }
}
