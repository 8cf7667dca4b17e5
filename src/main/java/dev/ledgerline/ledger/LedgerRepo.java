package dev.ledgerline.ledger;

import dev.ledgerline.events.EventRepo;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Cursors;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import dev.ledgerline.store.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
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
    private final EventRepo events;
    private final MeterRegistry meters;

    public LedgerRepo(BillingTable table, EventRepo events, MeterRegistry meters) {
        this.table = table;
        this.events = events;
        this.meters = meters;
    }

    /** One strongly consistent GetItem, however long the ledger. */
    public Balance balance(String accountId, String currency, Instant now) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.account(accountId), Keys.BALANCE_SK);
        if (found.isEmpty()) {
            return Balance.empty(currency, now);
        }
        Map<String, AttributeValue> item = found.get();
        return new Balance(Attr.getS(item, "currency"), Attr.getN(item, "balance", 0), Attr.getN(item, "pendingCharges", 0),
                Attr.getN(item, "pendingPayments", 0), Attr.getN(item, "version", 0), Instant.parse(Attr.getS(item, "updatedAt")),
                item.containsKey("pastDueSince") ? Instant.parse(Attr.getS(item, "pastDueSince")) : null);
    }

    public Posting posting(String accountId, String currency, Instant now) {
        return new Posting(accountId, currency, now);
    }

    /** @throws dev.ledgerline.store.TransactionCanceled when a condition failed; nothing was written */
    public void commit(Posting posting) {
        events.transact(posting.accountId(), items(posting), posting.events(), posting.now());
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

    /** Whether an entry was posted for this id (its cause): one GetItem of its marker. */
    public boolean posted(String accountId, String entryId) {
        return table.get(Keys.account(accountId), Keys.entryMarker(entryId)).isPresent();
    }

    /** Newest first. */
    public Page<LedgerEntry> page(String accountId, int limit, @Nullable String cursor) {
        Page<Map<String, AttributeValue>> page = table.newestFirst(Keys.account(accountId), Keys.LEDGER_SK_PREFIX, limit,
                Cursors.decode(cursor, CURSOR_SHAPE));
        return new Page<>(page.items().stream().map(LedgerRepo::read).toList(),
                page.nextCursor() == null ? null : Cursors.encode(page.nextCursor()));
    }

    /**
     * Every entry created at or after {@code from}, oldest first, handed over a page at a time (a
     * busy account's months are far too many entries to hold): what a statement subtracts from
     * today's balance to find a month's opening balance.
     */
    public void since(String accountId, Instant from, java.util.function.Consumer<LedgerEntry> each) {
        table.forEach(QueryRequest.builder()
                        .tableName(table.name())
                        .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :end")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.account(accountId)),
                                ":from", Attr.s(Keys.LEDGER_SK_PREFIX + Times.sortable(from)),
                                // Every "LEDGER#..." sorts below "LEDGER$" ('$' follows '#').
                                ":end", Attr.s("LEDGER$")))
                        .consistentRead(true),
                item -> each.accept(read(item)));
    }

    /** The posting's items in its order, then the balance row's change (last, which {@link Posting#failedOnVersion} relies on). */
    List<TransactWriteItem> items(Posting posting) {
        String accountKey = Keys.account(posting.accountId());
        List<TransactWriteItem> items = new ArrayList<>();
        for (Posting.Part part : posting.parts()) {
            if (part instanceof Posting.EntryPart e) {
                String ledgerSk = Keys.ledgerEntry(Times.sortable(e.entry().createdAt()), e.entry().id());
                Map<String, AttributeValue> marker = new HashMap<>(Attr.key(accountKey, Keys.entryMarker(e.entry().id())));
                marker.put("ledgerSk", Attr.s(ledgerSk));
                if (e.fingerprint() != null) {
                    marker.put("fingerprint", Attr.s(e.fingerprint()));
                }
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(marker)
                        .conditionExpression("attribute_not_exists(PK)").build()).build());
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                        .item(entryItem(posting.accountId(), ledgerSk, e.entry())).build()).build());
            } else if (part instanceof Posting.OtherWrite other) {
                items.add(other.write().item());
            } else if (part instanceof Posting.AbsentEntry absent) {
                items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                        .tableName(table.name()).key(Attr.key(accountKey, Keys.entryMarker(absent.entryId())))
                        .conditionExpression("attribute_not_exists(PK)").build()).build());
            } else {
                items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                        .tableName(table.name()).key(Attr.key(accountKey, Keys.ACCOUNT_SK))
                        .conditionExpression("attribute_exists(PK)").build()).build());
            }
        }
        items.add(balanceChange(posting));
        return items;
    }

    private TransactWriteItem balanceChange(Posting posting) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Attr.s(posting.now().toString()));
        values.put(":currency", Attr.s(posting.currency()));
        values.put(":balance", Attr.n(posting.balanceDelta()));
        values.put(":pendingCharges", Attr.n(posting.pendingChargesDelta()));
        values.put(":pendingPayments", Attr.n(posting.pendingPaymentsDelta()));
        values.put(":one", Attr.n(1));
        Update.Builder balance = Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(posting.accountId()), Keys.BALANCE_SK))
                .updateExpression("SET updatedAt = :now, currency = if_not_exists(currency, :currency)"
                        + (Boolean.TRUE.equals(posting.pastDue()) ? ", pastDueSince = if_not_exists(pastDueSince, :now)" : "")
                        + " ADD balance :balance, pendingCharges :pendingCharges, pendingPayments :pendingPayments, version :one"
                        + (Boolean.FALSE.equals(posting.pastDue()) ? " REMOVE pastDueSince" : ""));
        Long expected = posting.expectedVersion();
        if (expected != null) {
            if (expected == 0) {
                balance.conditionExpression("attribute_not_exists(version)");
            } else {
                balance.conditionExpression("version = :version");
                values.put(":version", Attr.n(expected));
            }
        }
        return TransactWriteItem.builder().update(balance.expressionAttributeValues(values).build()).build();
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
        return table.get(pk, sk).orElse(null);
    }
}
