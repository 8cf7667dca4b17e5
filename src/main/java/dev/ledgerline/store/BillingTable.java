package dev.ledgerline.store;

import dev.ledgerline.config.BillingSettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one table every repository works on, and the client that reaches it. */
@Singleton
public class BillingTable {

    private static final Logger LOG = LoggerFactory.getLogger(BillingTable.class);

    private final DynamoDbClient client;
    private final String name;

    public BillingTable(DynamoDbClient client, BillingSettings settings) {
        this.client = client;
        this.name = settings.tableName();
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /**
     * Whether the table answers a DescribeTable within {@code timeout} and is ACTIVE (or UPDATING,
     * which still serves reads and writes). DescribeTable is a free control-plane call. Logs name a
     * reason code only, never the table, region or endpoint.
     */
    public TableHealth health(Duration timeout) {
        try {
            TableStatus status = client.describeTable(DescribeTableRequest.builder()
                    .tableName(name)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                    .build()).table().tableStatus();
            return status == TableStatus.ACTIVE || status == TableStatus.UPDATING ? TableHealth.UP : TableHealth.NOT_ACTIVE;
        } catch (ResourceNotFoundException e) {
            LOG.warn("Health: the table does not exist");
            return TableHealth.NOT_FOUND;
        } catch (DynamoDbException e) {
            LOG.warn("Health: DynamoDB refused DescribeTable: {} ({})", e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode(),
                    e.statusCode());
            return e.statusCode() == 400 && e.awsErrorDetails() != null && "AccessDeniedException".equals(e.awsErrorDetails().errorCode())
                    ? TableHealth.ACCESS_DENIED : TableHealth.UNAVAILABLE;
        } catch (SdkException e) {
            LOG.warn("Health: DynamoDB unreachable: {}", e.getClass().getSimpleName());
            return TableHealth.UNAVAILABLE;
        }
    }

    /** The item with this key, read strongly consistent (one GetItem). */
    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(name)
                .key(Attr.key(pk, sk))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Writes the item, replacing any with its key (for single items whose last writer may win). */
    public void put(Map<String, AttributeValue> item) {
        client.putItem(PutItemRequest.builder().tableName(name).item(item).build());
    }

    /**
     * Writes the item only if no item has its key: the building block of every "exactly once".
     *
     * @return false when the key was taken (nothing written)
     */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(name)
                    .item(item)
                    .conditionExpression("attribute_not_exists(PK)")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * Writes all items or none. A conflict with another transaction on the same items (nothing was
     * decided) is retried a few times; a failed condition is the caller's to interpret.
     *
     * @throws TransactionCanceled when a condition failed, or conflicts persisted
     */
    public void transact(List<TransactWriteItem> items) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(request);
                return;
            } catch (TransactionCanceledException e) {
                TransactionCanceled canceled = new TransactionCanceled(e.hasCancellationReasons()
                        ? e.cancellationReasons().stream().map(r -> r.code() == null ? "None" : r.code()).toList()
                        : List.of());
                boolean conditionFailed = e.hasCancellationReasons()
                        && e.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
                if (conditionFailed || attempt >= CONFLICT_RETRIES) {
                    throw canceled;
                }
                pause(attempt);
            }
        }
    }

    private static final int CONFLICT_RETRIES = 5;

    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One page of the items of {@code pk} whose sort key starts with {@code prefix}, newest (highest
     * sort key) first, strongly consistent, after the sort key {@code afterSk} (null: from the top);
     * the page's cursor is the last sort key read, null on the last page.
     */
    public Page<Map<String, AttributeValue>> newestFirst(String pk, String prefix, int limit, @Nullable String afterSk) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(limit);
        if (afterSk != null) {
            query.exclusiveStartKey(Attr.key(pk, afterSk));
        }
        QueryResponse response = client.query(query.build());
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(response.items(), more ? Attr.getS(response.lastEvaluatedKey(), Keys.SK) : null);
    }

    /** Every item of {@code pk} whose sort key starts with {@code prefix}, strongly consistent, all pages. */
    public List<Map<String, AttributeValue>> queryPrefix(String pk, String prefix) {
        return queryAll(QueryRequest.builder()
                .tableName(name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
                .consistentRead(true));
    }

    /** Every item the query matches, following the pages. */
    public List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        forEach(query, items::add);
        return items;
    }

    /** Each item the query matches, in order, a page at a time: for results too large to hold at once. */
    public void forEach(QueryRequest.Builder query, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(query.exclusiveStartKey(start).build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
