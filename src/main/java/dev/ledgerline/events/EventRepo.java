package dev.ledgerline.events;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Cursors;
import dev.ledgerline.store.DayPartitions;
import dev.ledgerline.store.Ids;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.Times;
import dev.ledgerline.store.TransactionCanceled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The transactional outbox: events are written in the same transaction as the change they report
 * ({@code SK=OUTEVT#<sequence>} in the account's partition), so there is no event for a change that
 * did not commit and none missing for one that did. Each account's events are numbered from 1
 * without gaps: the transaction also moves the account's {@code EVENTSEQ} item from the sequence it
 * read to the new one, conditional on it being unchanged, so two changes racing on one account
 * cannot take the same number (the loser re-reads and tries again). Within one instance the changes
 * to an account wait for each other ({@link AccountLocks}), so only other instances race.
 *
 * <p>Reading them back: per account by sequence (strongly consistent, exact), and for the whole
 * service by time through GSI1, one partition per day. GSI1 is eventually consistent and an event's
 * time is taken a moment before its transaction commits, so the global feed only lists events older
 * than the feed delay; its cursor is a position in time (an event's, or the end of what was listed).
 */
@Singleton
public class EventRepo {

    private static final int SEQUENCE_RACES = 32;
    static final String RACES_METRIC = "ledgerline.events.sequence.races";

    /** {@code <createdAt>} alone (the end of a listing) or {@code <createdAt>#<accountId>#<sequence>} (an event). */
    private static final Pattern POSITION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z(#[A-Za-z0-9_-]{1,64}#\\d{12})?");

    private final BillingTable table;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;
    private final Duration feedDelay;
    private final int shards;
    // Changes that lost the account's sequence to a concurrent one: how hot single accounts run.
    private final Counter racesRetried;
    private final Counter racesLost;
    private final AccountLocks locks = new AccountLocks(1024);

    public EventRepo(BillingTable table, JsonMapper json, Clock clock, @Value("${billing.events.retention:30d}") Duration retention,
                     @Value("${billing.events.feed-delay:5s}") Duration feedDelay, @Value("${billing.delivery.shards:8}") int shards,
                     MeterRegistry meters) {
        this.racesRetried = races(meters, "retried");
        this.racesLost = races(meters, "gave_up");
        this.table = table;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.feedDelay = feedDelay;
        this.shards = shards;
    }

    /**
     * Writes {@code writes} and the events as one transaction (with no events, the writes alone).
     * The caller's items keep their positions, so {@link TransactionCanceled#failed(int)} still
     * names them; the sequence item and the events come after them.
     *
     * @throws TransactionCanceled when one of the caller's conditions failed; nothing was written
     */
    public void transact(String accountId, List<TransactWriteItem> writes, List<NewEvent> events, Instant now) {
        if (events.isEmpty()) {
            table.transact(writes);
            return;
        }
        List<String> objects = events.stream().map(e -> serialize(e.object())).toList();
        try (AccountLocks.Held turn = locks.hold(accountId)) {
            transactInTurn(accountId, writes, events, objects, now);
        }
    }

    private void transactInTurn(String accountId, List<TransactWriteItem> writes, List<NewEvent> events, List<String> objects, Instant now) {
        for (int race = 1; ; race++) {
            long last = lastSequence(accountId);
            List<TransactWriteItem> items = new ArrayList<>(writes);
            items.add(advance(accountId, last, last + events.size()));
            for (int i = 0; i < events.size(); i++) {
                items.add(put(accountId, last + 1 + i, events.get(i).type(), objects.get(i), now));
            }
            try {
                table.transact(items);
                return;
            } catch (TransactionCanceled canceled) {
                boolean onlyTheSequence = canceled.failed(writes.size())
                        && java.util.stream.IntStream.range(0, writes.size()).noneMatch(canceled::failed);
                if (!onlyTheSequence) {
                    throw canceled;
                }
                if (race >= SEQUENCE_RACES) {
                    racesLost.increment();
                    throw canceled;
                }
                racesRetried.increment();
                pause(race);
            }
        }
    }

    private static Counter races(MeterRegistry meters, String outcome) {
        return Counter.builder(RACES_METRIC)
                .description("Money changes that found the account's event sequence moved by a concurrent change: retried, or given up after "
                        + SEQUENCE_RACES)
                .tag("outcome", outcome)
                .register(meters);
    }

    /** A short random pause, so that changes racing on one account do not meet again at once. */
    private static void pause(int race) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1 + Math.min(race, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    /** The sequence of the account's newest event (0 before the first); one strongly consistent GetItem. */
    public long lastSequence(String accountId) {
        return table.get(Keys.account(accountId), Keys.EVENT_SEQUENCE_SK).map(item -> Attr.getN(item, "seq", 0)).orElse(0L);
    }

    private TransactWriteItem advance(String accountId, long from, long to) {
        Update.Builder update = Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.EVENT_SEQUENCE_SK))
                .updateExpression("SET seq = :to");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", Attr.n(to)));
        if (from == 0) {
            update.conditionExpression("attribute_not_exists(seq)");
        } else {
            update.conditionExpression("seq = :from");
            values.put(":from", Attr.n(from));
        }
        return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem put(String accountId, long sequence, EventType type, String objectJson, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), Keys.outboundEvent(sequence)));
        item.put("eventId", Attr.s(eventId(accountId, sequence)));
        item.put("accountId", Attr.s(accountId));
        item.put("seq", Attr.n(sequence));
        item.put("type", Attr.s(type.value()));
        item.put("createdAt", Attr.s(now.toString()));
        item.put("object", Attr.s(objectJson));
        item.put(Keys.GSI1_PK, Attr.s(DayPartitions.forAccount(Keys.eventsOfDay(Times.sortable(now).substring(0, 10)), accountId)));
        item.put(Keys.GSI1_SK, Attr.s(position(now, accountId, sequence)));
        item.put(Keys.TTL, Attr.n(now.plus(retention).getEpochSecond()));
        // Pending push to the host's endpoints (sparse GSI2): the deliverer removes it after the 2xx.
        item.put(Keys.GSI2_PK, Attr.s(Keys.outbox(OutboxShards.of(accountId, shards))));
        item.put(Keys.GSI2_SK, Attr.s(OutboxShards.due(now, accountId, sequence)));
        item.put("deliverFrom", Attr.s(now.toString()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build();
    }

    /** Stable: the same account and sequence always name the same event. */
    static String eventId(String accountId, long sequence) {
        return Ids.derived("evo", accountId, Long.toString(sequence));
    }

    public static StoredEvent read(Map<String, AttributeValue> item) {
        return new StoredEvent(Attr.getS(item, "eventId"), Attr.getS(item, "accountId"), Attr.getN(item, "seq", 0),
                EventType.of(Attr.getS(item, "type")), Instant.parse(Attr.getS(item, "createdAt")), Attr.getS(item, "object"));
    }

    private String serialize(Object object) {
        try {
            return json.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException("An event's snapshot did not serialize", e);
        }
    }

    /** The account's events after sequence {@code after}, in sequence; the cursor is the last sequence listed. */
    public Page<StoredEvent> ofAccount(String accountId, long after, int limit) {
        QueryResponse response = table.client().query(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.account(accountId)),
                        ":from", Attr.s(Keys.outboundEvent(after + 1)), ":to", Attr.s(Keys.outboundEvent(999_999_999_999L))))
                .consistentRead(true)
                .limit(limit)
                .build());
        List<StoredEvent> events = response.items().stream().map(EventRepo::read).toList();
        long last = events.isEmpty() ? after : events.get(events.size() - 1).sequence();
        return new Page<>(events, Long.toString(last));
    }

    /**
     * Every account's events after the cursor's position, oldest first, up to {@code feedDelay}
     * ago. Without a cursor it starts at {@code since} (or the retention window, if earlier or none). The cursor is always set: at the last
     * event listed, or at the end of the window when the page is not full.
     */
    public Page<StoredEvent> all(@Nullable String cursor, @Nullable Instant since, int limit) {
        Instant now = clock.instant();
        String after = Cursors.decode(cursor, POSITION);
        Instant windowStart = now.minus(retention);
        // A start outside the window (before it: nothing is kept; after now: nothing yet) is taken at its edge.
        Instant first = since == null || since.isBefore(windowStart) ? windowStart : since.isAfter(now) ? now : since;
        // A cursor older than the window (nothing there is kept) starts at the window: each day is one query.
        String from = after != null && after.compareTo(Times.sortable(windowStart)) > 0 ? after : Times.sortable(first);
        String until = Times.sortable(now.minus(feedDelay));
        List<StoredEvent> events = new ArrayList<>();
        if (from.compareTo(until) >= 0) {
            return new Page<>(events, Cursors.encode(from));
        }
        LocalDate day = LocalDate.parse(from.substring(0, 10));
        LocalDate lastDay = LocalDate.parse(until.substring(0, 10));
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            // +1: BETWEEN includes its ends, and the event the cursor names was listed already.
            for (Map<String, AttributeValue> item : DayPartitions.read(table, Keys.GSI1, Keys.GSI1_PK, Keys.GSI1_SK,
                    Keys.eventsOfDay(day.toString()), from, until, true, limit - events.size() + 1)) {
                if (Attr.getS(item, Keys.GSI1_SK).compareTo(from) > 0 && events.size() < limit) {
                    events.add(read(item));
                }
            }
            if (events.size() >= limit) {
                StoredEvent last = events.get(events.size() - 1);
                return new Page<>(events, Cursors.encode(position(last.createdAt(), last.accountId(), last.sequence())));
            }
        }
        return new Page<>(events, Cursors.encode(until));
    }

    /** An event's place in the global feed, which is also its GSI1 sort key. */
    static String position(Instant createdAt, String accountId, long sequence) {
        return Times.sortable(createdAt) + "#" + accountId + "#" + String.format("%012d", sequence);
    }
}
