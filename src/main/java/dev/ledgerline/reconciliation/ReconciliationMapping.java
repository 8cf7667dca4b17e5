package dev.ledgerline.reconciliation;

import dev.ledgerline.api.model.DiscrepancyKind;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Between reconciliation reports and the generated API models. */
final class ReconciliationMapping {

    private ReconciliationMapping() {
    }

    static dev.ledgerline.api.model.ReconciliationReport toApi(ReconciliationReport report) {
        return new dev.ledgerline.api.model.ReconciliationReport(
                dev.ledgerline.api.model.ReconciliationScope.fromValue(report.scope()), utc(report.startedAt()),
                utc(report.finishedAt()), report.paymentsChecked(), report.discrepancies().stream().map(ReconciliationMapping::toApi).toList(),
                report.applied(), report.unresolved())
                .accountId(report.accountId())
                .since(report.since() == null ? null : utc(report.since()));
    }

    private static dev.ledgerline.api.model.Discrepancy toApi(Discrepancy d) {
        return new dev.ledgerline.api.model.Discrepancy(DiscrepancyKind.fromValue(d.kind().value()), d.accountId(), d.paymentId(),
                d.stripeObjectId(), d.ours(), d.stripe(), d.amount(), d.currency(), d.applied());
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
