package dev.ledgerline.store;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A count in a fixed window, one item ({@code n}, {@code ttl} = the window's end), taken with a
 * conditional UpdateItem so that N parallel callers can never take more than the limit: the check
 * and the increment are one write, not a read followed by a write.
 */
@Singleton
public class WindowCounter {

    private static final String COUNT = "n";

    private final BillingTable table;

    public WindowCounter(BillingTable table) {
        this.table = table;
    }

    /**
     * Takes one unit under {@code limit}.
     *
     * @return empty when taken; else the end of the full window (the caller waits until then)
     */
    public Optional<Instant> take(String pk, String sk, long limit, Instant now, Duration window) {
        long nowSeconds = now.getEpochSecond();
        for (int round = 0; round < 3; round++) {
            if (update(pk, sk, "ADD #n :one", "#ttl > :now AND (attribute_not_exists(#n) OR #n < :limit)",
                    Map.of(":one", Attr.n(1), ":now", Attr.n(nowSeconds), ":limit", Attr.n(limit)))) {
                return Optional.empty();
            }
            // No open window (absent, or expired and not yet removed by TTL): open one.
            if (update(pk, sk, "SET #n = :one, #ttl = :end", "attribute_not_exists(PK) OR #ttl <= :now",
                    Map.of(":one", Attr.n(1), ":now", Attr.n(nowSeconds), ":end", Attr.n(nowSeconds + window.toSeconds())))) {
                return Optional.empty();
            }
            // Both refused: the window is open and full, or a parallel caller opened it in between (try again).
            Optional<Long> end = table.get(pk, sk)
                    .filter(item -> Attr.getN(item, COUNT, 0) >= limit)
                    .map(item -> Attr.getN(item, Keys.TTL, 0))
                    .filter(ttl -> ttl > nowSeconds);
            if (end.isPresent()) {
                return Optional.of(Instant.ofEpochSecond(end.get()));
            }
        }
        return Optional.of(now.plusSeconds(1));
    }

    /** Gives one unit back (a unit taken for work that was then not done), if the window is still there. */
    public void giveBack(String pk, String sk) {
        update(pk, sk, "ADD #n :minus", "attribute_exists(PK) AND #n > :zero",
                Map.of(":minus", Attr.n(-1), ":zero", Attr.n(0)));
    }

    public void clear(String pk, String sk) {
        table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name()).key(Attr.key(pk, sk)).build());
    }

    private boolean update(String pk, String sk, String expression, String condition, Map<String, AttributeValue> values) {
        Map<String, String> names = expression.contains("#ttl") || condition.contains("#ttl")
                ? Map.of("#n", COUNT, "#ttl", Keys.TTL) : Map.of("#n", COUNT);
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(pk, sk))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }
}
