package dev.ledgerline.reconciliation;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest service-wide report, one item ({@code PK=RECONCILIATION, SK=LATEST}), kept as JSON
 * with at most {@link #STORED} discrepancies so the item stays far below DynamoDB's 400 KB.
 */
@Singleton
public class ReconciliationRepo {

    static final int STORED = 500;
    private static final String REPORT = "report";

    private final BillingTable table;
    private final ObjectMapper json;

    public ReconciliationRepo(BillingTable table, ObjectMapper json) {
        this.table = table;
        this.json = json;
    }

    public void saveLatest(ReconciliationReport report) {
        List<Discrepancy> kept = report.discrepancies().size() <= STORED ? report.discrepancies()
                : report.discrepancies().subList(0, STORED);
        ReconciliationReport stored = new ReconciliationReport(report.scope(), report.accountId(), report.since(), report.startedAt(),
                report.finishedAt(), report.paymentsChecked(), kept, report.applied(), report.unresolved());
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.RECONCILIATION_PK, Keys.RECONCILIATION_LATEST_SK));
        try {
            item.put(REPORT, Attr.s(json.writeValueAsString(stored)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table.put(item);
    }

    public Optional<ReconciliationReport> latest() {
        return table.get(Keys.RECONCILIATION_PK, Keys.RECONCILIATION_LATEST_SK).map(item -> {
            try {
                return json.readValue(Attr.getS(item, REPORT), ReconciliationReport.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
