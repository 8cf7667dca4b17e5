package dev.ledgerline.paymentmethods;

import dev.ledgerline.events.EventRepo;
import dev.ledgerline.events.NewEvent;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payment methods ({@code PK=ACCT#<accountId>, SK=PM#<pmId>}) and the setup intents an account
 * created ({@code SK=SETI#<setupIntentId>}). Status changes are conditional on the status read.
 */
@Singleton
public class PaymentMethodRepo {

    /** How long a removed method's tombstone stops late events from reviving it. */
    static final Duration TOMBSTONE_RETENTION = Duration.ofDays(90);
    /** Rank, then id: never arrival order, so the same events in any order give the same list. */
    static final Comparator<StoredMethod> FALLBACK_ORDER = Comparator.comparingLong(StoredMethod::rank)
            .thenComparing(StoredMethod::id);

    private final BillingTable table;
    private final EventRepo events;

    public PaymentMethodRepo(BillingTable table, EventRepo events) {
        this.table = table;
        this.events = events;
    }

    /** The account's methods in fallback order, removed ones left out. */
    public List<StoredMethod> list(String accountId) {
        List<StoredMethod> methods = new ArrayList<>(table.queryPrefix(Keys.account(accountId), Keys.PAYMENT_METHOD_SK_PREFIX)
                .stream().map(PaymentMethodRepo::read).filter(m -> m.status() != MethodStatus.REMOVED).toList());
        methods.sort(FALLBACK_ORDER);
        return methods;
    }

    /** Including a removed method's tombstone. */
    public Optional<StoredMethod> find(String accountId, String paymentMethodId) {
        return table.get(Keys.account(accountId), Keys.paymentMethod(paymentMethodId)).map(PaymentMethodRepo::read);
    }

    /** @return false if the method is already stored (nothing written) */
    public boolean insert(String accountId, StoredMethod method) {
        return insert(accountId, method, List.of());
    }

    /** Stores the method with the events that report it, in one transaction. @return false if it was already stored (nothing written) */
    public boolean insert(String accountId, StoredMethod method, List<NewEvent> reported) {
        Map<String, AttributeValue> item = new HashMap<>(key(accountId, method.id()));
        item.put("pmId", Attr.s(method.id()));
        putDetails(item, method.details());
        item.put("status", Attr.s(method.status().value()));
        item.put("rank", Attr.n(method.rank()));
        item.put("createdAt", Attr.s(method.createdAt().toString()));
        item.put("detailsAsOf", Attr.n(method.detailsAsOf()));
        item.put("activatedAt", Attr.n(method.activatedAt()));
        if (method.status() == MethodStatus.REMOVED) {
            item.put(Keys.TTL, Attr.n(method.createdAt().plus(TOMBSTONE_RETENTION).getEpochSecond()));
        }
        if (reported.isEmpty()) {
            return table.putIfAbsent(item);
        }
        try {
            events.transact(accountId, List.of(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(PK)").build()).build()), reported, method.createdAt());
            return true;
        } catch (TransactionCanceled taken) {
            if (taken.failed(0)) {
                return false;
            }
            throw taken;
        }
    }

    /** @return false when the status was no longer {@code from} (nothing written) */
    public boolean moveStatus(String accountId, String paymentMethodId, MethodStatus from, MethodStatus to, Instant now,
                              long activatedAt, List<NewEvent> reported, @Nullable TableWrite audit) {
        if (!from.canBecome(to)) {
            throw new IllegalArgumentException(from + " cannot become " + to);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", Attr.s(from.value()));
        values.put(":to", Attr.s(to.value()));
        String update = "SET #status = :to";
        if (to == MethodStatus.REMOVED) {
            update += ", #ttl = :ttl";
            values.put(":ttl", Attr.n(now.plus(TOMBSTONE_RETENTION).getEpochSecond()));
        }
        if (to == MethodStatus.ACTIVE) {
            update += ", activatedAt = :activatedAt";
            values.put(":activatedAt", Attr.n(activatedAt));
        }
        Update move = Update.builder()
                .tableName(table.name())
                .key(key(accountId, paymentMethodId))
                .updateExpression(update)
                .conditionExpression("#status = :from")
                .expressionAttributeNames(to == MethodStatus.REMOVED
                        ? Map.of("#status", "status", "#ttl", Keys.TTL) : Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build();
        if (reported.isEmpty() && audit == null) {
            try {
                table.client().updateItem(UpdateItemRequest.builder().tableName(move.tableName()).key(move.key())
                        .updateExpression(move.updateExpression()).conditionExpression(move.conditionExpression())
                        .expressionAttributeNames(move.expressionAttributeNames()).expressionAttributeValues(move.expressionAttributeValues())
                        .build());
                return true;
            } catch (ConditionalCheckFailedException moved) {
                return false;
            }
        }
        try {
            List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().update(move).build()));
            if (audit != null) {
                writes.add(audit.item());
            }
            events.transact(accountId, writes, reported, now);
            return true;
        } catch (TransactionCanceled moved) {
            if (moved.failed(0)) {
                return false;
            }
            throw moved;
        }
    }

    /** Replaces the details if they are newer than the stored ones and the method is not removed. */
    public boolean updateDetails(String accountId, String paymentMethodId, MethodDetails details, long asOf) {
        Map<String, AttributeValue> values = new HashMap<>();
        // Attribute names go through placeholders: TYPE and STATUS are DynamoDB reserved words.
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> item = new HashMap<>();
        putDetails(item, details);
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String field : List.of("type", "brand", "last4", "expMonth", "expYear", "bankName")) {
            names.put("#" + field, field);
            if (item.containsKey(field)) {
                sets.add("#" + field + " = :" + field);
                values.put(":" + field, item.get(field));
            } else {
                removes.add("#" + field);
            }
        }
        sets.add("detailsAsOf = :asOf");
        values.put(":asOf", Attr.n(asOf));
        values.put(":removed", Attr.s(MethodStatus.REMOVED.value()));
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(key(accountId, paymentMethodId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(PK) AND #status <> :removed AND detailsAsOf <= :asOf")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException staleOrGone) {
            return false;
        }
    }

    /**
     * Rewrites the fallback order in one transaction; each method must still exist and not be removed.
     *
     * @return false when a method changed in the meantime (nothing written)
     */
    public boolean reorder(String accountId, List<String> paymentMethodIds, TableWrite audit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (int i = 0; i < paymentMethodIds.size(); i++) {
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table.name())
                    .key(key(accountId, paymentMethodIds.get(i)))
                    .updateExpression("SET #rank = :rank")
                    .conditionExpression("attribute_exists(PK) AND #status <> :removed")
                    .expressionAttributeNames(Map.of("#rank", "rank", "#status", "status"))
                    .expressionAttributeValues(Map.of(":rank", Attr.n(i + 1L), ":removed", Attr.s(MethodStatus.REMOVED.value())))
                    .build()).build());
        }
        writes.add(audit.item());
        try {
            table.client().transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            return true;
        } catch (TransactionCanceledException changed) {
            return false;
        }
    }

    public void recordSetupIntent(String accountId, String setupIntentId, String type, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), Keys.setupIntent(setupIntentId)));
        item.put("type", Attr.s(type));
        item.put("createdAt", Attr.s(now.toString()));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item).build());
    }

    public boolean ownsSetupIntent(String accountId, String setupIntentId) {
        return table.get(Keys.account(accountId), Keys.setupIntent(setupIntentId)).isPresent();
    }

    private static Map<String, AttributeValue> key(String accountId, String paymentMethodId) {
        return Attr.key(Keys.account(accountId), Keys.paymentMethod(paymentMethodId));
    }

    private static void putDetails(Map<String, AttributeValue> item, MethodDetails details) {
        item.put("type", Attr.s(details.type()));
        putIfPresent(item, "brand", details.brand());
        putIfPresent(item, "last4", details.last4());
        putIfPresent(item, "bankName", details.bankName());
        if (details.expMonth() != null) {
            item.put("expMonth", Attr.n(details.expMonth()));
        }
        if (details.expYear() != null) {
            item.put("expYear", Attr.n(details.expYear()));
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, @Nullable String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    private static StoredMethod read(Map<String, AttributeValue> item) {
        MethodDetails details = new MethodDetails(Attr.getS(item, "type"), Attr.getS(item, "brand"), Attr.getS(item, "last4"),
                item.containsKey("expMonth") ? (int) Attr.getN(item, "expMonth", 0) : null,
                item.containsKey("expYear") ? (int) Attr.getN(item, "expYear", 0) : null,
                Attr.getS(item, "bankName"));
        return new StoredMethod(Attr.getS(item, "pmId"), details, MethodStatus.of(Attr.getS(item, "status")),
                Attr.getN(item, "rank", Long.MAX_VALUE), Instant.parse(Attr.getS(item, "createdAt")),
                Attr.getN(item, "detailsAsOf", 0), Attr.getN(item, "activatedAt", 0));
    }
}
