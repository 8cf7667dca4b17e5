package dev.ledgerline.events.delivery;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.util.Map;

/**
 * Who works on an outbox shard: {@code PK=OUTBOXLEASE#<shard>}, {@code SK=LEASE}, {@code owner} and
 * {@code until} (epoch milliseconds). Taken with a conditional write: free, expired or already ours.
 * An instance that dies keeps its shards until {@code until}; then another takes them over.
 */
@Singleton
public class ShardLeaseRepo {

    private final BillingTable table;

    public ShardLeaseRepo(BillingTable table) {
        this.table = table;
    }

    /** Takes or renews the lease until {@code until}; false when another owner holds it. */
    boolean acquire(int shard, String owner, Instant now, Instant until) {
        try {
            table.client().putItem(PutItemRequest.builder().tableName(table.name())
                    .item(Map.of(Keys.PK, Attr.s(Keys.outboxLease(shard)), Keys.SK, Attr.s(Keys.OUTBOX_LEASE_SK),
                            "owner", Attr.s(owner), "until", Attr.n(until.toEpochMilli())))
                    .conditionExpression("attribute_not_exists(PK) OR #until < :now OR #owner = :me")
                    .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", Attr.n(now.toEpochMilli()), ":me", Attr.s(owner)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /** Gives the shard back (when still ours), so any instance may take it at its next run. */
    void release(int shard, String owner) {
        try {
            table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name())
                    .key(Attr.key(Keys.outboxLease(shard), Keys.OUTBOX_LEASE_SK))
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", Attr.s(owner)))
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // taken over after it expired: the new owner keeps it
        }
    }
}
