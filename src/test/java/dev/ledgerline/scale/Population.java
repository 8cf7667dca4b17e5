package dev.ledgerline.scale;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Ids;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Shards;
import dev.ledgerline.store.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many accounts written straight into the table, each a copy of a template account the API made
 * (so every item is as the service writes it): the template's id replaced by a new one in every
 * string, the sharded index keys recomputed for the new id. Its events, audit records and delivery
 * log are left out (the copies have none to push or show).
 */
public final class Population {

    private static final int BATCH = 25;
    private static final List<String> LEFT_OUT = List.of(Keys.OUTBOUND_EVENT_SK_PREFIX, Keys.AUDIT_SK_PREFIX, Keys.DELIVERY_ATTEMPT_SK_PREFIX);

    private final DynamoDbClient dynamo;
    private final int shards;

    public Population(DynamoDbClient dynamo, int shards) {
        this.dynamo = dynamo;
        this.shards = shards;
    }

    /** The template's items, read from {@code fromTable}. */
    public List<Map<String, AttributeValue>> template(String fromTable, String accountId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(fromTable).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.account(accountId)))).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().stream().filter(item -> LEFT_OUT.stream().noneMatch(Attr.getS(item, Keys.SK)::startsWith)).forEach(items::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Writes {@code count} copies of the template into {@code table}; returns their account ids. */
    public List<String> copy(List<Map<String, AttributeValue>> template, String templateId, String table, int count, Instant lookAt)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Ids.newId("acct");
            ids.add(id);
            for (Map<String, AttributeValue> item : template) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(copyOf(item, templateId, id, lookAt)).build()).build());
            }
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < writes.size(); from += BATCH) {
                List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
                done.add(writers.submit(() -> write(table, batch)));
            }
            for (Future<?> batch : done) {
                batch.get();
            }
        } finally {
            writers.shutdown();
        }
        return ids;
    }

    /** The items of {@code account} in {@code table} whose sort key starts with {@code skPrefix}, read strongly consistent. */
    public List<Map<String, AttributeValue>> items(String table, String account, String skPrefix) {
        return dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.account(account)), ":sk", Attr.s(skPrefix))).build()).items();
    }

    private void write(String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (!left.isEmpty()) {
            BatchWriteItemResponse response = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(left).build());
            left = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty() ? response.unprocessedItems() : Map.of();
        }
    }

    private Map<String, AttributeValue> copyOf(Map<String, AttributeValue> item, String templateId, String id, Instant lookAt) {
        Map<String, AttributeValue> copy = new HashMap<>();
        item.forEach((name, value) -> copy.put(name, value.s() != null ? Attr.s(value.s().replace(templateId, id)) : value));
        String gsi1 = Attr.getS(copy, Keys.GSI1_PK);
        int shard = Shards.of(id, shards);
        if (gsi1 != null && gsi1.startsWith(Keys.LEGACY_AUTOPAY_ACCOUNTS + "#")) {
            copy.put(Keys.GSI1_PK, Attr.s(Keys.autopayAccounts(shard)));
        } else if (gsi1 != null && gsi1.startsWith("PAYSTATUS#")) {
            String status = Attr.getS(copy, "status");
            copy.put(Keys.GSI1_PK, Attr.s(Keys.openPayments(status, shard)));
            // Due for the janitor's look now.
            copy.put(Keys.GSI1_SK, Attr.s(Times.sortable(lookAt) + "#" + id + "#" + Attr.getS(copy, "paymentId")));
        }
        return copy;
    }
}
