package dev.ledgerline.events.delivery;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Times;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery log: one item per attempt to push an event to an endpoint, in the event's account
 * partition ({@code DLVATT#<sequence>#<at>#<endpointId>}), kept as long as the event.
 */
@Singleton
public class DeliveryLogRepo {

    private final BillingTable table;
    private final Duration retention;

    public DeliveryLogRepo(BillingTable table, @Value("${billing.events.retention:30d}") Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    void record(String accountId, long sequence, Attempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId),
                Keys.deliveryAttempt(sequence, Times.sortable(attempt.at()), attempt.endpointId())));
        item.put("endpointId", Attr.s(attempt.endpointId()));
        item.put("attempt", Attr.n(attempt.number()));
        item.put("outcome", Attr.s(attempt.outcome().value));
        if (attempt.statusCode() != null) {
            item.put("statusCode", Attr.n(attempt.statusCode()));
        }
        if (attempt.error() != null) {
            item.put("error", Attr.s(attempt.error()));
        }
        item.put("latencyMs", Attr.n(attempt.latencyMs()));
        item.put("at", Attr.s(attempt.at().toString()));
        item.put(Keys.TTL, Attr.n(attempt.at().plus(retention).getEpochSecond()));
        table.put(item);
    }

    /** The event's attempts, oldest first (strongly consistent). */
    List<Attempt> attempts(String accountId, long sequence) {
        return table.queryPrefix(Keys.account(accountId), Keys.deliveryAttemptsOf(sequence)).stream()
                .map(item -> new Attempt(Attr.getS(item, "endpointId"), (int) Attr.getN(item, "attempt", 0),
                        Attempt.Outcome.of(Attr.getS(item, "outcome")),
                        item.containsKey("statusCode") ? (int) Attr.getN(item, "statusCode", 0) : null, Attr.getS(item, "error"),
                        Attr.getN(item, "latencyMs", 0), Instant.parse(Attr.getS(item, "at"))))
                .toList();
    }
}
