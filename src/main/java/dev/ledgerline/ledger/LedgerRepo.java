package dev.ledgerline.ledger;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Cursors;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ledger ({@code SK=LEDGER#<time>#<entryId>}, with a marker {@code SK=ENTRY#<entryId>} per
 * entry) and the balance row ({@code SK=BALANCE}) of each account. Committed entries are counted as
 * {@code ledgerline.ledger.entries} by type and status.
 */
@Singleton
public class LedgerRepo {

    private static final Pattern CURSOR_SHAPE = Pattern.compile("LEDGER#[0-9T:.Z-]{27}#[A-Za-z0-9_-]{1,160}");

    static final String ENTRIES_METRIC = "ledgerline.ledger.entries";

    private final BillingTable table;
    private final MeterRegistry meters;

    public LedgerRepo(BillingTable table, MeterRegistry meters) {
        this.table = table;
        this.meters = meters;
    }

    /** One strongly consistent GetItem, however long the ledger. */
    public Balance balance(String accountId, String currency, Instant now) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.BALANCE_SK))
                .consistentRead(true)
                .build()).item();
        if (item == null || item.isEmpty()) {
            return Balance.empty(currency, now);
        }
        return new Balance(Attr.getS(item, "currency"), Attr.getN(item, "balance", 0), Attr.getN(item, "pendingCharges", 0),
                Attr.getN(item, "pendingPayments", 0), Attr.getN(item, "version", 0), Instant.parse(Attr.getS(item, "updatedAt")));
    }

    public Posting posting(String accountId, String currency, Instant now) {
        return new Posting(table.name(), accountId, currency, now);
    }

    /** @throws dev.ledgerline.store.TransactionCanceled when a condition failed; nothing was written */
    public void commit(Posting posting) {
        table.transact(posting.build());
        for (LedgerEntry entry : posting.entries()) {
            Counter.builder(ENTRIES_METRIC)
                    .description("Ledger entries written, by type and status")
                    .tag("type", entry.type().value())
                    .tag("status", entry.status().value())
                    .register(meters)
                    .increment();
        }
    }

    public record Recorded(LedgerEntry entry, @Nullable String fingerprint) {
    }

    /** The entry posted for this id (its cause), with the fingerprint of the request that posted it. */
    public Optional<Recorded> find(String accountId, String entryId) {
        Map<String, AttributeValue> marker = get(Keys.account(accountId), Keys.entryMarker(entryId));
        if (marker == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> entry = get(Keys.account(accountId), Attr.getS(marker, "ledgerSk"));
        return Optional.ofNullable(entry).map(e -> new Recorded(read(e), Attr.getS(marker, "fingerprint")));
    }

    /** Newest first. */
    public Page<LedgerEntry> page(String accountId, int limit, @Nullable String cursor) {
        String after = Cursors.decode(cursor, CURSOR_SHAPE);
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.account(accountId)), ":prefix", Attr.s(Keys.LEDGER_SK_PREFIX)))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(limit);
        if (after != null) {
            query.exclusiveStartKey(Attr.key(Keys.account(accountId), after));
        }
        QueryResponse response = table.client().query(query.build());
        List<LedgerEntry> entries = response.items().stream().map(LedgerRepo::read).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        String next = more ? Cursors.encode(Attr.getS(response.lastEvaluatedKey(), Keys.SK)) : null;
        return new Page<>(entries, next);
    }

    static Map<String, AttributeValue> entryItem(String accountId, String ledgerSk, LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), ledgerSk));
        item.put("entryId", Attr.s(entry.id()));
        item.put("type", Attr.s(entry.type().value()));
        item.put("amount", Attr.n(entry.amount()));
        item.put("currency", Attr.s(entry.currency()));
        item.put("description", Attr.s(entry.description()));
        item.put("status", Attr.s(entry.status().value()));
        if (entry.paymentId() != null) {
            item.put("paymentId", Attr.s(entry.paymentId()));
        }
        item.put("createdAt", Attr.s(entry.createdAt().toString()));
        return item;
    }

    private static LedgerEntry read(Map<String, AttributeValue> item) {
        return new LedgerEntry(Attr.getS(item, "entryId"), EntryType.of(Attr.getS(item, "type")), Attr.getN(item, "amount", 0),
                Attr.getS(item, "currency"), Attr.getS(item, "description"), EntryStatus.of(Attr.getS(item, "status")),
                Attr.getS(item, "paymentId"), Instant.parse(Attr.getS(item, "createdAt")));
    }

    @Nullable
    private Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(Attr.key(pk, sk)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
