package dev.ledgerline.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A service-wide listing by time (the global event feed, the audit log) is one index partition per
 * day, split into {@link #SHARDS} by account so that no single partition takes every write of the
 * service (a partition takes at most 1,000 write units a second, and a throttled index throttles
 * the table). A day is read by querying each of its partitions and merging them by sort key.
 */
public final class DayPartitions {

    /** Fixed: a listing reads every shard of a day, so a change would have to read both counts for the retention window. */
    public static final int SHARDS = 8;

    private DayPartitions() {
    }

    /** The partitions of one day: its shards, and the unsharded one written before the sharding. */
    public static List<String> of(String dayPartition) {
        List<String> partitions = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            partitions.add(dayPartition + "#" + shard);
        }
        partitions.add(dayPartition);
        return partitions;
    }

    /** The partition an account's item of that day goes to. */
    public static String forAccount(String dayPartition, String accountId) {
        return dayPartition + "#" + Shards.of(accountId, SHARDS);
    }

    /**
     * The first {@code limit} items of the day's partitions with a sort key between {@code from}
     * and {@code until} (both included), in sort key order ({@code forward}) or reverse. Each
     * partition is read up to {@code limit} items, enough for any of them to be among the first.
     */
    public static List<Map<String, AttributeValue>> read(BillingTable table, String index, String pk, String sk, String dayPartition,
                                                         String from, String until, boolean forward, int limit) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (String partition : of(dayPartition)) {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse response = table.client().query(QueryRequest.builder()
                        .tableName(table.name())
                        .indexName(index)
                        .keyConditionExpression(pk + " = :pk AND " + sk + " BETWEEN :from AND :until")
                        .expressionAttributeValues(Map.of(":pk", Attr.s(partition), ":from", Attr.s(from), ":until", Attr.s(until)))
                        .scanIndexForward(forward)
                        .limit(limit - found.size())
                        .exclusiveStartKey(start)
                        .build());
                found.addAll(response.items());
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null && found.size() < limit);
            all.addAll(found);
        }
        Comparator<Map<String, AttributeValue>> bySortKey = Comparator.comparing(item -> Attr.getS(item, sk));
        all.sort(forward ? bySortKey : bySortKey.reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
