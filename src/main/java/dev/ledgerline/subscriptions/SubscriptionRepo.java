package dev.ledgerline.subscriptions;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions ({@code PK=ACCT#<accountId>, SK=SUB#<subId>}), each the copy from the newest event.
 * Events arrive in any order, so a write only replaces an older copy.
 */
@Singleton
public class SubscriptionRepo {

    private final BillingTable table;

    public SubscriptionRepo(BillingTable table) {
        this.table = table;
    }

    /**
     * Stores the subscription unless the stored copy is newer. Stripe's {@code created} has
     * one-second resolution, so a tie is broken by {@link #tieBreak}: the result then depends only
     * on the set of events, never on the order they arrived in.
     *
     * @return false when the stored copy was kept (nothing written)
     */
    public boolean save(String accountId, StoredSubscription subscription, String eventId) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), Keys.subscription(subscription.id())));
        item.put("subId", Attr.s(subscription.id()));
        item.put("status", Attr.s(subscription.status()));
        if (subscription.priceId() != null) {
            item.put("priceId", Attr.s(subscription.priceId()));
        }
        if (subscription.currentPeriodEnd() != null) {
            item.put("currentPeriodEnd", Attr.n(subscription.currentPeriodEnd().getEpochSecond()));
        }
        item.put("cancelAtPeriodEnd", Attr.bool(subscription.cancelAtPeriodEnd()));
        item.put("asOf", Attr.n(subscription.asOf()));
        String tieBreak = tieBreak(subscription, eventId);
        item.put("tieBreak", Attr.s(tieBreak));
        try {
            table.client().putItem(PutItemRequest.builder()
                    .tableName(table.name())
                    .item(item)
                    .conditionExpression("attribute_not_exists(PK) OR asOf < :created"
                            + " OR (asOf = :created AND tieBreak < :tieBreak)")
                    .expressionAttributeValues(Map.of(":created", Attr.n(subscription.asOf()), ":tieBreak", Attr.s(tieBreak)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException newerStored) {
            return false;
        }
    }

    /**
     * Within one second a final status (the deletion) wins; between equals the greater event id,
     * arbitrary but the same in every delivery order. A redelivered event ties with itself and
     * writes nothing.
     */
    static String tieBreak(StoredSubscription subscription, String eventId) {
        return (subscription.isFinal() ? "1#" : "0#") + eventId;
    }

    /** The account's subscriptions by id. */
    public List<StoredSubscription> list(String accountId) {
        List<StoredSubscription> subscriptions = new ArrayList<>(table.queryPrefix(Keys.account(accountId), Keys.SUBSCRIPTION_SK_PREFIX)
                .stream().map(SubscriptionRepo::read).toList());
        // The sort key already orders by id; sorting again keeps that a stated promise, not a side effect.
        subscriptions.sort(Comparator.comparing(StoredSubscription::id));
        return subscriptions;
    }

    private static StoredSubscription read(Map<String, AttributeValue> item) {
        return new StoredSubscription(Attr.getS(item, "subId"), Attr.getS(item, "status"), Attr.getS(item, "priceId"),
                item.containsKey("currentPeriodEnd") ? Instant.ofEpochSecond(Attr.getN(item, "currentPeriodEnd", 0)) : null,
                Attr.getBool(item, "cancelAtPeriodEnd"), Attr.getN(item, "asOf", 0));
    }
}
