package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per email in a fixed window ({@code PK=LOGINFAIL#<email>}); once the count
 * reaches the limit, logins for that email are refused until the window ends. Kept in the table,
 * so every instance sees the same count.
 */
@Singleton
public class LoginThrottle {

    private final BillingTable table;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(BillingTable table, Clock clock, BillingSettings settings) {
        this.table = table;
        this.clock = clock;
        this.maxFailures = settings.loginMaxFailures();
        this.window = settings.loginLockout();
    }

    /** Present when the email is locked out: how long until it may try again. */
    public Optional<Duration> lockedFor(String email) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                .consistentRead(true)
                .build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant windowEnd = Instant.ofEpochSecond(Attr.getN(item, Keys.TTL, 0));
        Instant now = clock.instant();
        if (!windowEnd.isAfter(now) || Attr.getN(item, "failures", 0) < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, windowEnd));
    }

    public void recordFailure(String email) {
        long now = clock.instant().getEpochSecond();
        long windowEnd = now + window.toSeconds();
        try {
            // Count within the current window...
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                    .updateExpression("ADD failures :one")
                    .conditionExpression("#ttl > :now")
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":now", Attr.n(now)))
                    .build());
        } catch (ConditionalCheckFailedException noOpenWindow) {
            // ...or open a new one (the item is absent, or expired but not yet removed by TTL).
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK))
                    .updateExpression("SET failures = :one, #ttl = :end")
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":end", Attr.n(windowEnd)))
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
