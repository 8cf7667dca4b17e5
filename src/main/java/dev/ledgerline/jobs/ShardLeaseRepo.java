package dev.ledgerline.jobs;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who works on each shard of a job, in one partition per job ({@code PK=LEASES#<job>}), so one
 * strongly consistent query tells an instance which shards are free:
 * <ul>
 *   <li>{@code SK=SHARD#<n>}: {@code owner}, {@code until} (epoch milliseconds) and {@code done}, the
 *       last cycle the shard was worked through. Taken with a conditional write: free, expired or
 *       already ours, and not done in this cycle. An instance that dies keeps its shards until
 *       {@code until}; then another takes them over.</li>
 *   <li>{@code SK=SHARDS}: {@code count}, the most shards the job's partitions were ever split
 *       into, so items written under a larger count are still read after the count is lowered.</li>
 * </ul>
 * A few writes per shard per cycle: the partition is never hot.
 */
@Singleton
public class ShardLeaseRepo {

    private static final String COUNT_SK = "SHARDS";

    private final BillingTable table;

    public ShardLeaseRepo(BillingTable table) {
        this.table = table;
    }

    /** What the job's partition says: the shards ever used and the cycle each shard was last worked through. */
    public record Leases(int recordedShards, Map<Integer, String> done) {
    }

    Leases read(String job) {
        int recorded = 0;
        Map<Integer, String> done = new HashMap<>();
        List<Map<String, AttributeValue>> items = table.queryAll(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.leases(job))))
                .consistentRead(true));
        for (Map<String, AttributeValue> item : items) {
            String sk = Attr.getS(item, Keys.SK);
            if (COUNT_SK.equals(sk)) {
                recorded = (int) Attr.getN(item, "count", 0);
            } else if (Attr.getS(item, "done") != null) {
                done.put(Integer.parseInt(sk.substring(Keys.LEASE_SK_PREFIX.length())), Attr.getS(item, "done"));
            }
        }
        return new Leases(recorded, done);
    }

    /** Raises the recorded shard count to {@code shards} (never lowers it). */
    void record(String job, int shards) {
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(Attr.key(Keys.leases(job), COUNT_SK))
                    .updateExpression("SET #count = :n")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :n")
                    .expressionAttributeNames(Map.of("#count", "count"))
                    .expressionAttributeValues(Map.of(":n", Attr.n(shards)))
                    .build());
        } catch (ConditionalCheckFailedException larger) {
            // another instance recorded as many or more
        }
    }

    /**
     * Takes or renews the lease until {@code until}; false when another owner holds it or, with a
     * {@code cycle}, when the shard was already worked through in that cycle.
     */
    public boolean acquire(String job, int shard, String owner, Instant now, Instant until, @Nullable String cycle) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", Attr.n(now.toEpochMilli()), ":me", Attr.s(owner),
                ":until", Attr.n(until.toEpochMilli())));
        String condition = "(attribute_not_exists(PK) OR #until < :now OR #owner = :me)";
        Map<String, String> names = new HashMap<>(Map.of("#until", "until", "#owner", "owner"));
        if (cycle != null) {
            condition += " AND (attribute_not_exists(#done) OR #done <> :cycle)";
            values.put(":cycle", Attr.s(cycle));
            names.put("#done", "done");
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(Attr.key(Keys.leases(job), Keys.lease(shard)))
                    .updateExpression("SET #owner = :me, #until = :until")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /**
     * Gives the shard back (when still ours), so any instance may take it at once; with a
     * {@code cycle}, marks it worked through in that cycle, so nobody takes it again before the next.
     */
    public void release(String job, int shard, String owner, @Nullable String cycle) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":me", Attr.s(owner), ":zero", Attr.n(0)));
        String update = "SET #until = :zero";
        if (cycle != null) {
            update += ", done = :cycle";
            values.put(":cycle", Attr.s(cycle));
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(Attr.key(Keys.leases(job), Keys.lease(shard)))
                    .updateExpression(update)
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#until", "until"))
                    .expressionAttributeValues(values)
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // taken over after it expired: the new owner keeps it
        }
    }
}
