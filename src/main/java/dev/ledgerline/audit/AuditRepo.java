package dev.ledgerline.audit;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Cursors;
import dev.ledgerline.store.DayPartitions;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.Times;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The audit log ({@code SK=AUDIT#<at>#<auditId>} in the account's partition; GSI2 holds one
 * partition per day for the service-wide listing). Records are only ever added, each in the
 * transaction of the change it records, and never expire.
 */
@Singleton
public class AuditRepo {

    private static final Pattern ACCOUNT_CURSOR = Pattern.compile("AUDIT#[0-9T:.Z-]{27}#aud_[A-Za-z0-9_-]{22}");
    private static final Pattern GLOBAL_CURSOR = Pattern.compile("[0-9T:.Z-]{27}#[A-Za-z0-9_-]{1,64}#aud_[A-Za-z0-9_-]{22}");

    private final BillingTable table;

    public AuditRepo(BillingTable table) {
        this.table = table;
    }

    /** The put of {@code record}, for the transaction of the change it records (new key: never overwrites). */
    public TableWrite put(AuditRecord record) {
        String at = Times.sortable(record.at());
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(record.accountId()), Keys.audit(at, record.id())));
        item.put("auditId", Attr.s(record.id()));
        item.put("accountId", Attr.s(record.accountId()));
        item.put("actor", Attr.s(record.actor()));
        item.put("action", Attr.s(record.action()));
        item.put("target", Attr.s(record.target()));
        if (record.amount() != null) {
            item.put("amount", Attr.n(record.amount()));
        }
        putIfSet(item, "currency", record.currency());
        putIfSet(item, "reason", record.reason());
        putIfSet(item, "requestId", record.requestId());
        item.put("at", Attr.s(record.at().toString()));
        item.put(Keys.GSI2_PK, Attr.s(DayPartitions.forAccount(Keys.auditOfDay(at.substring(0, 10)), record.accountId())));
        item.put(Keys.GSI2_SK, Attr.s(at + "#" + record.accountId() + "#" + record.id()));
        return new TableWrite(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build());
    }

    /** Newest first. */
    public Page<AuditRecord> ofAccount(String accountId, int limit, @Nullable String cursor) {
        Page<Map<String, AttributeValue>> page = table.newestFirst(Keys.account(accountId), Keys.AUDIT_SK_PREFIX, limit,
                Cursors.decode(cursor, ACCOUNT_CURSOR));
        return new Page<>(page.items().stream().map(AuditRepo::read).toList(),
                page.nextCursor() == null ? null : Cursors.encode(page.nextCursor()));
    }

    /** Every account's records from now back to {@code since}, newest first, a day partition at a time. */
    public Page<AuditRecord> all(int limit, @Nullable String cursor, Instant since, Instant now) {
        String before = Cursors.decode(cursor, GLOBAL_CURSOR);
        String end = Times.sortable(now) + "#~";
        // A cursor is a position already listed, so never after now: each day walked is one query.
        String until = before != null && before.compareTo(end) < 0 ? before : end;
        String from = Times.sortable(since);
        List<AuditRecord> records = new ArrayList<>();
        LocalDate first = LocalDate.parse(from.substring(0, 10));
        for (LocalDate day = LocalDate.parse(until.substring(0, 10)); !day.isBefore(first); day = day.minusDays(1)) {
            // +1: BETWEEN includes its ends, and the record the cursor names was listed already.
            for (Map<String, AttributeValue> item : DayPartitions.read(table, Keys.GSI2, Keys.GSI2_PK, Keys.GSI2_SK,
                    Keys.auditOfDay(day.toString()), from, until, false, limit - records.size() + 1)) {
                if (!Attr.getS(item, Keys.GSI2_SK).equals(before) && records.size() < limit) {
                    records.add(read(item));
                }
            }
            if (records.size() >= limit) {
                AuditRecord last = records.get(records.size() - 1);
                return new Page<>(records, Cursors.encode(Times.sortable(last.at()) + "#" + last.accountId() + "#" + last.id()));
            }
        }
        return new Page<>(records, null);
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, @Nullable String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    private static AuditRecord read(Map<String, AttributeValue> item) {
        return new AuditRecord(Attr.getS(item, "auditId"), Attr.getS(item, "accountId"), Attr.getS(item, "actor"),
                Attr.getS(item, "action"), Attr.getS(item, "target"), item.containsKey("amount") ? Attr.getN(item, "amount", 0) : null,
                Attr.getS(item, "currency"), Attr.getS(item, "reason"), Attr.getS(item, "requestId"), Instant.parse(Attr.getS(item, "at")));
    }
}
