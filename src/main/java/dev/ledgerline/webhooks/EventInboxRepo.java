package dev.ledgerline.webhooks;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Gzip;
import dev.ledgerline.store.Keys;
import dev.ledgerline.stripe.StripeEvent;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every verified event is written once, keyed by its Stripe id ({@code PK=EVT#<id>}), before
 * anything is done with it. The conditional write is the exactly-once gate: whichever delivery
 * (on whichever instance) claims the event processes it; the others are duplicates. An event whose
 * processing failed, or whose processor vanished mid-way, can be claimed again by a redelivery.
 */
@Singleton
public class EventInboxRepo {

    /** How long an event id is remembered: well past Stripe's three days of retries. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** A claim older than this is presumed abandoned (its instance died) and may be taken over. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final BillingTable table;
    private final Clock clock;

    public EventInboxRepo(BillingTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** What a delivery found when it tried to claim its event. */
    public enum Claim {
        /** This delivery owns the event now (status PROCESSING) and must process it. */
        CLAIMED,
        /** The event was processed (or ignored) by an earlier delivery: nothing is left to do. */
        DONE,
        /** Another delivery is processing it right now; its outcome is not known yet. */
        IN_PROGRESS
    }

    public Claim claim(StripeEvent event, String payload) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.stripeEvent(event.id()), Keys.STRIPE_EVENT_SK));
        item.put("eventId", Attr.s(event.id()));
        item.put("type", Attr.s(event.type()));
        item.put("created", Attr.n(event.created()));
        // The raw body, for the record (what Stripe sent, byte for byte); gzipped: see Gzip.
        item.put("payloadGz", AttributeValue.fromB(Gzip.compress(payload)));
        item.put("status", Attr.s(InboxStatus.PROCESSING.value()));
        item.put("attempts", Attr.n(1));
        item.put("receivedAt", Attr.s(now.toString()));
        item.put("claimedAt", Attr.n(now.toEpochMilli()));
        item.put(Keys.TTL, Attr.n(now.plus(RETENTION).getEpochSecond()));
        if (table.putIfAbsent(item)) {
            return Claim.CLAIMED;
        }
        return reclaim(event.id(), now);
    }

    /** Takes over a failed or abandoned claim; anything else is done, or still under way elsewhere. */
    private Claim reclaim(String eventId, Instant now) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Attr.key(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK))
                    .updateExpression("SET #status = :processing, claimedAt = :now ADD attempts :one")
                    .conditionExpression("#status = :failed OR (#status = :processing AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":processing", Attr.s(InboxStatus.PROCESSING.value()),
                            ":failed", Attr.s(InboxStatus.FAILED.value()),
                            ":now", Attr.n(now.toEpochMilli()),
                            ":stale", Attr.n(now.minus(STALE_CLAIM).toEpochMilli()),
                            ":one", Attr.n(1)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException notTakenOver) {
            // The refused update carries the item as it is (where the store returns it), saving a read.
            Map<String, AttributeValue> current = notTakenOver.hasItem() && !notTakenOver.item().isEmpty() ? notTakenOver.item()
                    : table.get(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK).orElse(Map.of());
            String status = Attr.getS(current, "status");
            return InboxStatus.PROCESSING.value().equals(status) || InboxStatus.FAILED.value().equals(status)
                    ? Claim.IN_PROGRESS : Claim.DONE;
        }
    }

    /** Records how processing ended; only the owner of the claim (status PROCESSING) may. */
    public void finish(String eventId, InboxStatus outcome, String error) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":outcome", Attr.s(outcome.value()));
        values.put(":processing", Attr.s(InboxStatus.PROCESSING.value()));
        values.put(":at", Attr.s(clock.instant().toString()));
        String update = "SET #status = :outcome, finishedAt = :at";
        if (error != null) {
            values.put(":error", Attr.s(error));
            update += ", lastError = :error";
        }
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.stripeEvent(eventId), Keys.STRIPE_EVENT_SK))
                .updateExpression(update)
                .conditionExpression("#status = :processing")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build());
    }
}
