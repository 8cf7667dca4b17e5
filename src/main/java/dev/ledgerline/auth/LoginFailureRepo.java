package dev.ledgerline.auth;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per email in a fixed window ({@code PK=LOGINFAIL#<email>}; the window's end is the
 * item's {@code ttl}, so DynamoDB removes it afterwards). Kept in the table, so every instance sees
 * the same count.
 */
@Singleton
public class LoginFailureRepo {

    /** The failures counted in the window ending at {@code windowEnd}. */
    public record Failures(long count, Instant windowEnd) {
    }

    private final BillingTable table;

    public LoginFailureRepo(BillingTable table) {
        this.table = table;
    }

    public Optional<Failures> find(String email) {
        return table.get(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK)
                .map(item -> new Failures(Attr.getN(item, "failures", 0), Instant.ofEpochSecond(Attr.getN(item, Keys.TTL, 0))));
    }

    /** Counts one failure in the window open at {@code now}, or opens a new window ending at {@code newWindowEnd}. */
    public void count(String email, Instant now, Instant newWindowEnd) {
        try {
            // Count within the current window...
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                    .updateExpression("ADD failures :one")
                    .conditionExpression("#ttl > :now")
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":now", Attr.n(now.getEpochSecond())))
                    .build());
        } catch (ConditionalCheckFailedException noOpenWindow) {
            // ...or open a new one (the item is absent, or expired but not yet removed by TTL).
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                    .updateExpression("SET failures = :one, #ttl = :end")
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":end", Attr.n(newWindowEnd.getEpochSecond())))
                    .build());
        }
    }

    public void clear(String email) {
        table.client().deleteItem(DeleteItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                .build());
    }
}
