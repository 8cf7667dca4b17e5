package dev.ledgerline.events.delivery;

import dev.ledgerline.events.EventRepo;
import dev.ledgerline.events.OutboxShards;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Times;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The push state kept on the outbox's event items (EventRepo writes them, with the state of a new
 * event): while an event is still to be delivered it is in the sparse GSI2 partition of its shard,
 * {@code OUTBOX#<shard>} / {@code <due>#<accountId>#<sequence>}; delivered, it leaves the index.
 * Every change of the state is conditional on the place read, so a redelivery asked for meanwhile
 * is never undone by a deliverer finishing the previous one.
 */
@Singleton
public class DeliveryQueueRepo {

    private final BillingTable table;

    public DeliveryQueueRepo(BillingTable table) {
        this.table = table;
    }

    /** Where due events are: account and sequence, read from the (eventually consistent) index. */
    record Due(String accountId, long sequence) {
    }

    /** The shard's events due by {@code now}, longest waiting first. */
    List<Due> due(int shard, Instant now, int limit) {
        return table.client().query(QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI2)
                        .keyConditionExpression("GSI2PK = :shard AND GSI2SK < :bound")
                        .expressionAttributeValues(Map.of(":shard", Attr.s(Keys.outbox(shard)), ":bound", Attr.s(Times.sortable(now) + "$")))
                        .projectionExpression("#account, #seq")
                        .expressionAttributeNames(Map.of("#account", "accountId", "#seq", "seq"))
                        .limit(limit).build())
                .items().stream().map(item -> new Due(Attr.getS(item, "accountId"), Attr.getN(item, "seq", 0))).toList();
    }

    /** The event and its push state, strongly consistent. */
    Optional<Queued> find(String accountId, long sequence) {
        return table.get(Keys.account(accountId), Keys.outboundEvent(sequence)).map(DeliveryQueueRepo::read);
    }

    /** Tries it again at {@code next}; false when its place changed meanwhile (a redelivery, another deliverer). */
    boolean reschedule(Queued queued, Instant next) {
        return change(queued, "SET GSI2SK = :next, #round = :round", Map.of(":next",
                Attr.s(OutboxShards.due(next, queued.event().accountId(), queued.event().sequence())), ":round", Attr.n(queued.round() + 1L)));
    }

    /** Delivered (or given up) everywhere it was due: it leaves the outbox index. */
    boolean done(Queued queued) {
        return change(queued, "REMOVE GSI2PK, GSI2SK", Map.of());
    }

    /** Due again now, for every endpoint it matches, as a new delivery; empty when there is no such event. */
    Optional<Queued> redeliver(String accountId, long sequence, int shards, Instant now) {
        try {
            return Optional.of(read(table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(Attr.key(Keys.account(accountId), Keys.outboundEvent(sequence)))
                    .updateExpression("SET GSI2PK = :shard, GSI2SK = :due, deliverFrom = :now, #round = :zero")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#round", "round"))
                    .expressionAttributeValues(Map.of(":shard", Attr.s(Keys.outbox(OutboxShards.of(accountId, shards))),
                            ":due", Attr.s(OutboxShards.due(now, accountId, sequence)), ":now", Attr.s(now.toString()), ":zero", Attr.n(0)))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes()));
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
    }

    private boolean change(Queued queued, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":expected", Attr.s(queued.due()));
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table.name())
                .key(Attr.key(Keys.account(queued.event().accountId()), Keys.outboundEvent(queued.event().sequence())))
                .updateExpression(expression)
                .conditionExpression("GSI2SK = :expected")
                .expressionAttributeValues(all);
        if (expression.contains("#round")) {
            request.expressionAttributeNames(Map.of("#round", "round"));
        }
        try {
            table.client().updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    private static Queued read(Map<String, AttributeValue> item) {
        String from = Attr.getS(item, "deliverFrom");
        return new Queued(EventRepo.read(item), Attr.getS(item, Keys.GSI2_SK), Instant.parse(from == null ? Attr.getS(item, "createdAt") : from),
                (int) Attr.getN(item, "round", 0));
    }
}
