package dev.ledgerline.ledger;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Times;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One atomic change of an account's money: ledger entries, the balance row's matching change, and
 * whatever other items must change with them (a payment's status). Committed as one
 * {@code TransactWriteItems}, so {@code balance == sum(settled entries)} holds at every moment.
 * Each entry is written with a marker keyed by its id, conditional on the marker being new: the
 * same cause can never post twice, and a repeat fails as a whole with nothing written.
 */
public final class Posting {

    private final String table;
    private final String accountId;
    private final String currency;
    private final Instant now;
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private long balanceDelta;
    private long pendingChargesDelta;
    private long pendingPaymentsDelta;
    private Long expectedVersion;

    Posting(String table, String accountId, String currency, Instant now) {
        this.table = table;
        this.accountId = accountId;
        this.currency = currency;
        this.now = now;
    }

    /** Appends an entry; {@code fingerprint} (optional) lets a repeat of its cause be told from a different request. */
    public Posting entry(LedgerEntry entry, @Nullable String fingerprint) {
        String ledgerSk = Keys.ledgerEntry(Times.sortable(entry.createdAt()), entry.id());
        Map<String, AttributeValue> marker = new HashMap<>(Attr.key(Keys.account(accountId), Keys.entryMarker(entry.id())));
        marker.put("ledgerSk", Attr.s(ledgerSk));
        if (fingerprint != null) {
            marker.put("fingerprint", Attr.s(fingerprint));
        }
        labels.put(entry.id(), items.size());
        entries.add(entry);
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(PK)").build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(LedgerRepo.entryItem(accountId, ledgerSk, entry)).build()).build());
        if (entry.status() == EntryStatus.SETTLED) {
            balanceDelta += entry.amount();
        } else {
            pendingChargesDelta += entry.amount();
        }
        return this;
    }

    public Posting pendingPayments(long delta) {
        pendingPaymentsDelta += delta;
        return this;
    }

    /** Commits only if the balance row is still at {@code version} (0: the row does not exist yet). */
    public Posting requireVersion(long version) {
        this.expectedVersion = version;
        return this;
    }

    /** Commits only if the account exists (for callers that name it in a path, not a session). */
    public Posting requireAccount() {
        return with("account", TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(Attr.key(Keys.account(accountId), Keys.ACCOUNT_SK))
                .conditionExpression("attribute_exists(PK)").build()).build());
    }

    /** Another item that changes together with the money, under {@code label} for {@link #failed}. */
    public Posting with(String label, TransactWriteItem item) {
        labels.put(label, items.size());
        items.add(item);
        return this;
    }

    /** Whether the item under {@code label} (an entry id, or a {@link #with} label) failed its condition. */
    public boolean failed(TransactionCanceled canceled, String label) {
        Integer index = labels.get(label);
        return index != null && canceled.failed(index);
    }

    public boolean failedOnVersion(TransactionCanceled canceled) {
        return expectedVersion != null && canceled.failed(items.size());
    }

    /** The entries this posting writes, in order. */
    List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    List<TransactWriteItem> build() {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Attr.s(now.toString()));
        values.put(":currency", Attr.s(currency));
        values.put(":balance", Attr.n(balanceDelta));
        values.put(":pendingCharges", Attr.n(pendingChargesDelta));
        values.put(":pendingPayments", Attr.n(pendingPaymentsDelta));
        values.put(":one", Attr.n(1));
        Update.Builder balance = Update.builder().tableName(table)
                .key(Attr.key(Keys.account(accountId), Keys.BALANCE_SK))
                .updateExpression("SET updatedAt = :now, currency = if_not_exists(currency, :currency) "
                        + "ADD balance :balance, pendingCharges :pendingCharges, pendingPayments :pendingPayments, version :one");
        if (expectedVersion != null) {
            if (expectedVersion == 0) {
                balance.conditionExpression("attribute_not_exists(version)");
            } else {
                balance.conditionExpression("version = :version");
                values.put(":version", Attr.n(expectedVersion));
            }
        }
        List<TransactWriteItem> all = new ArrayList<>(items);
        all.add(TransactWriteItem.builder().update(balance.expressionAttributeValues(values).build()).build());
        return all;
    }
}
