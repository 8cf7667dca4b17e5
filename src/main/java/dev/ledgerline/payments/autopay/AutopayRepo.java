package dev.ledgerline.payments.autopay;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.TableWrite;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Autopay's retry state ({@code SK=AUTOPAY}: consecutive failures and when the last one happened),
 * and the accounts that have autopay on (the settings items in GSI1 partitions {@code AUTOPAY#<shard>}).
 * Failures and successes are counted in the same transaction that ends the payment, so each
 * payment counts once.
 */
@Singleton
public class AutopayRepo {

    public record State(int failures, @Nullable Instant lastFailureAt) {
    }

    private final BillingTable table;

    public AutopayRepo(BillingTable table) {
        this.table = table;
    }

    public State state(String accountId) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.account(accountId), Keys.AUTOPAY_SK);
        if (found.isEmpty()) {
            return new State(0, null);
        }
        Map<String, AttributeValue> item = found.get();
        String last = Attr.getS(item, "lastFailureAt");
        return new State((int) Attr.getN(item, "failures", 0), last == null ? null : Instant.parse(last));
    }

    /** The change that counts one more failure in a row, for the transaction that fails the payment. */
    public TableWrite failed(String accountId, Instant now) {
        return new TableWrite(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.AUTOPAY_SK))
                .updateExpression("SET lastFailureAt = :now ADD failures :one")
                .expressionAttributeValues(Map.of(":now", Attr.s(now.toString()), ":one", Attr.n(1)))
                .build()).build());
    }

    /** The change that clears the failures, for the transaction that settles the payment. */
    public TableWrite succeeded(String accountId) {
        return new TableWrite(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.AUTOPAY_SK))
                .updateExpression("SET failures = :zero REMOVE lastFailureAt")
                .expressionAttributeValues(Map.of(":zero", Attr.n(0)))
                .build()).build());
    }

    /**
     * The GSI1 partitions of the accounts with autopay on in one shard: shard 0 also reads the
     * partition from before the sharding (its accounts move to their shard when autopay is next set).
     */
    public static List<String> partitions(int shard) {
        return shard == 0 ? List.of(Keys.autopayAccounts(0), Keys.LEGACY_AUTOPAY_ACCOUNTS) : List.of(Keys.autopayAccounts(shard));
    }

    /** A page of the accounts with autopay on in one of the {@link #partitions}; {@code after} is the previous page's cursor. */
    public Page<String> enabledAccounts(String partition, int limit, @Nullable String after) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(partition)))
                .projectionExpression(Keys.GSI1_SK)
                .limit(limit);
        if (after != null) {
            // The settings item's keys: GSI1SK is the account id.
            Map<String, AttributeValue> start = new HashMap<>(Attr.key(Keys.account(after), Keys.SETTINGS_SK));
            start.put(Keys.GSI1_PK, Attr.s(partition));
            start.put(Keys.GSI1_SK, Attr.s(after));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = table.client().query(query.build());
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(response.items().stream().map(item -> Attr.getS(item, Keys.GSI1_SK)).toList(),
                more ? Attr.getS(response.lastEvaluatedKey(), Keys.GSI1_SK) : null);
    }
}
