package dev.ledgerline.payments;

import dev.ledgerline.events.EventRepo;
import dev.ledgerline.events.NewEvent;
import dev.ledgerline.jobs.JobProperties;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Cursors;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.Shards;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.Times;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Payments ({@code PK=ACCT#<accountId>, SK=PAY#<paymentId>}). Each write puts the whole item,
 * conditional on the version it was derived from. GSI2 lists an account's payments newest first;
 * GSI1 holds open payments by status and the time the janitor should next look at them (terminal
 * ones leave it): the janitor's own {@link Payment#lookAfter}, else a threshold after the last write.
 * {@code STRIPEPI#<intentId>} maps a PaymentIntent back to its payment.
 */
@Singleton
public class PaymentRepo {

    private static final Pattern CURSOR_SHAPE = Pattern.compile("[0-9T:.Z-]{27}#[A-Za-z0-9_-]{1,100}");

    private final BillingTable table;
    private final EventRepo events;
    private final Duration janitorThreshold;

    private final int shards;

    public PaymentRepo(BillingTable table, EventRepo events, @Value("${billing.janitor.threshold:15m}") Duration janitorThreshold,
                       JobProperties jobs) {
        this.table = table;
        this.events = events;
        this.janitorThreshold = janitorThreshold;
        this.shards = jobs.shards();
    }

    public Optional<Payment> find(String accountId, String paymentId) {
        return table.get(Keys.account(accountId), Keys.payment(paymentId)).map(PaymentRepo::read);
    }

    /**
     * The put of {@code payment} for a transaction (nothing is written here): new at version 1,
     * else conditional on the previous version.
     */
    public TableWrite putItem(Payment payment) {
        return new TableWrite(put(payment));
    }

    private TransactWriteItem put(Payment payment) {
        Put.Builder put = Put.builder().tableName(table.name()).item(item(payment));
        if (payment.version() == 1) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("version = :previous")
                    .expressionAttributeValues(Map.of(":previous", Attr.n(payment.version() - 1)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * Writes {@code payment} now, conditional as {@link #putItem} is.
     *
     * @return false when the payment changed since it was read (nothing written)
     */
    public boolean save(Payment payment) {
        Put put = put(payment).put();
        try {
            table.client().putItem(PutItemRequest.builder().tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeValues(put.expressionAttributeValues().isEmpty() ? null : put.expressionAttributeValues())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Saves the payment, and with it the link from its PaymentIntent when it has one, so refunds
     * and disputes find their payment from the moment the intent is known, and the events that
     * report the change.
     *
     * @return false when the payment changed since it was read (nothing written)
     */
    public boolean saveLinked(Payment payment, List<NewEvent> reported) {
        if (payment.intentId() == null && reported.isEmpty()) {
            return save(payment);
        }
        List<TransactWriteItem> writes = payment.intentId() == null ? List.of(put(payment))
                : List.of(put(payment), intentLink(payment.accountId(), payment.id(), payment.intentId()).item());
        try {
            events.transact(payment.accountId(), writes, reported, payment.updatedAt());
            return true;
        } catch (TransactionCanceled canceled) {
            if (canceled.failed(0)) {
                return false;
            }
            throw canceled;
        }
    }

    /** The reverse link from a PaymentIntent to its payment, for a transaction (the same content every time). */
    public TableWrite intentLink(String accountId, String paymentId, String intentId) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.stripePaymentIntent(intentId), Keys.STRIPE_PAYMENT_INTENT_SK));
        item.put("accountId", Attr.s(accountId));
        item.put("paymentId", Attr.s(paymentId));
        return new TableWrite(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build());
    }

    /** The link from the payment's id to its account, written with the payment (the same content every time). */
    public TableWrite idLink(Payment payment) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.paymentById(payment.id()), Keys.PAYMENT_BY_ID_SK));
        item.put("accountId", Attr.s(payment.accountId()));
        return new TableWrite(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build());
    }

    /** A payment named by its id alone (the host's refund calls): through the id's link, then the payment. */
    public Optional<Payment> findById(String paymentId) {
        return table.get(Keys.paymentById(paymentId), Keys.PAYMENT_BY_ID_SK).flatMap(link -> find(Attr.getS(link, "accountId"), paymentId));
    }

    /** The payment a PaymentIntent is for: by our metadata where it has it, else by the intent's link. */
    public Optional<Payment> findFor(dev.ledgerline.stripe.StripePaymentIntent intent) {
        String account = intent.metadata().get(dev.ledgerline.stripe.StripeGateway.ACCOUNT_METADATA);
        String paymentId = intent.metadata().get(PaymentAttempts.PAYMENT_METADATA);
        return account != null && paymentId != null ? find(account, paymentId) : findByIntent(intent.id());
    }

    public Optional<Payment> findByIntent(String intentId) {
        return table.get(Keys.stripePaymentIntent(intentId), Keys.STRIPE_PAYMENT_INTENT_SK)
                .flatMap(link -> find(Attr.getS(link, "accountId"), Attr.getS(link, "paymentId")));
    }

    /** Newest first. */
    public Page<Payment> page(String accountId, int limit, @Nullable String cursor) {
        String after = Cursors.decode(cursor, CURSOR_SHAPE);
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .indexName(Keys.GSI2)
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.paymentsOf(accountId))))
                .scanIndexForward(false)
                .limit(limit);
        if (after != null) {
            String paymentId = after.substring(after.lastIndexOf('#') + 1);
            Map<String, AttributeValue> start = new HashMap<>(Attr.key(Keys.account(accountId), Keys.payment(paymentId)));
            start.put(Keys.GSI2_PK, Attr.s(Keys.paymentsOf(accountId)));
            start.put(Keys.GSI2_SK, Attr.s(after));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = table.client().query(query.build());
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(response.items().stream().map(PaymentRepo::read).toList(),
                more ? Cursors.encode(Attr.getS(response.lastEvaluatedKey(), Keys.GSI2_SK)) : null);
    }

    /**
     * The GSI1 partitions of open payments in {@code status} in one shard of the accounts: shard 0
     * also reads the partition from before the sharding, whose payments move to their shard when
     * the janitor next writes them.
     */
    public static List<String> openPartitions(PaymentStatus status, int shard) {
        return shard == 0 ? List.of(Keys.openPayments(status.value(), 0), Keys.legacyOpenPayments(status.value()))
                : List.of(Keys.openPayments(status.value(), shard));
    }

    /**
     * Open payments in one of the {@link #openPartitions} the janitor should look at by {@code now},
     * longest waiting first, a page at a time; {@code after} is the previous page's {@link Page#nextCursor()}.
     */
    public Page<Payment> dueForLook(String pk, Instant now, int limit, @Nullable String after) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk AND GSI1SK < :now")
                .expressionAttributeValues(Map.of(":pk", Attr.s(pk), ":now", Attr.s(Times.sortable(now))))
                .limit(limit);
        if (after != null) {
            // GSI1SK is <lookAfter>#<accountId>#<paymentId>: it names the item the page ended at.
            String[] parts = after.split("#", 3);
            Map<String, AttributeValue> start = new HashMap<>(Attr.key(Keys.account(parts[1]), Keys.payment(parts[2])));
            start.put(Keys.GSI1_PK, Attr.s(pk));
            start.put(Keys.GSI1_SK, Attr.s(after));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = table.client().query(query.build());
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(response.items().stream().map(PaymentRepo::read).toList(),
                more ? Attr.getS(response.lastEvaluatedKey(), Keys.GSI1_SK) : null);
    }

    private Map<String, AttributeValue> item(Payment p) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(p.accountId()), Keys.payment(p.id())));
        item.put("paymentId", Attr.s(p.id()));
        item.put("accountId", Attr.s(p.accountId()));
        item.put("kind", Attr.s(p.kind().value()));
        item.put("amount", Attr.n(p.amount()));
        item.put("currency", Attr.s(p.currency()));
        item.put("status", Attr.s(p.status().value()));
        putIfSet(item, "methodId", p.methodId());
        putIfSet(item, "methodType", p.methodType());
        putIfSet(item, "intentId", p.intentId());
        putIfSet(item, "checkoutSessionId", p.checkoutSessionId());
        putIfSet(item, "failureMessage", p.failureMessage());
        putIfSet(item, "chargeEntryId", p.chargeEntryId());
        putIfSet(item, "fingerprint", p.fingerprint());
        if (p.lockedUntil() != null) {
            item.put("lockedUntil", Attr.s(p.lockedUntil().toString()));
        }
        if (p.lookAfter() != null) {
            item.put("lookAfter", Attr.s(p.lookAfter().toString()));
        }
        item.put("attempt", Attr.n(p.attempt()));
        item.put("reserved", Attr.bool(p.reserved()));
        item.put("createdAt", Attr.s(p.createdAt().toString()));
        item.put("updatedAt", Attr.s(p.updatedAt().toString()));
        item.put("version", Attr.n(p.version()));
        item.put(Keys.GSI2_PK, Attr.s(Keys.paymentsOf(p.accountId())));
        item.put(Keys.GSI2_SK, Attr.s(Times.sortable(p.createdAt()) + "#" + p.id()));
        if (!p.status().isTerminal()) {
            item.put(Keys.GSI1_PK, Attr.s(Keys.openPayments(p.status().value(), Shards.of(p.accountId(), shards))));
            Instant lookAfter = p.lookAfter() != null ? p.lookAfter() : p.updatedAt().plus(janitorThreshold);
            item.put(Keys.GSI1_SK, Attr.s(Times.sortable(lookAfter) + "#" + p.accountId() + "#" + p.id()));
        }
        return item;
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, @Nullable String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    private static Payment read(Map<String, AttributeValue> item) {
        String locked = Attr.getS(item, "lockedUntil");
        String lookAfter = Attr.getS(item, "lookAfter");
        return new Payment(Attr.getS(item, "paymentId"), Attr.getS(item, "accountId"), PaymentKind.of(Attr.getS(item, "kind")),
                Attr.getN(item, "amount", 0), Attr.getS(item, "currency"), PaymentStatus.of(Attr.getS(item, "status")),
                Attr.getS(item, "methodId"), Attr.getS(item, "methodType"), Attr.getS(item, "intentId"),
                Attr.getS(item, "checkoutSessionId"), Attr.getS(item, "failureMessage"), (int) Attr.getN(item, "attempt", 0),
                Attr.getBool(item, "reserved"), Attr.getS(item, "chargeEntryId"), Attr.getS(item, "fingerprint"),
                locked == null ? null : Instant.parse(locked), lookAfter == null ? null : Instant.parse(lookAfter),
                Instant.parse(Attr.getS(item, "createdAt")),
                Instant.parse(Attr.getS(item, "updatedAt")), Attr.getN(item, "version", 0));
    }
}
