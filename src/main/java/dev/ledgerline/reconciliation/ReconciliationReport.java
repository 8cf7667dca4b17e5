package dev.ledgerline.reconciliation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** What a reconciliation compared and what differed; {@code discrepancies} keeps at most {@link #KEPT} of them. */
@Serdeable
public record ReconciliationReport(String scope, @Nullable String accountId, @Nullable Instant since, Instant startedAt, Instant finishedAt,
                                   int paymentsChecked, List<Discrepancy> discrepancies, int applied, int unresolved) {

    public static final int KEPT = 1000;
}
