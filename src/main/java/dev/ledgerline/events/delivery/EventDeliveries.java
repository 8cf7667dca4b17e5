package dev.ledgerline.events.delivery;

import dev.ledgerline.errors.NotFound;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** The delivery log of an event, and redelivery on request. */
@Singleton
public class EventDeliveries {

    /** What the API shows of an event's delivery. */
    public record View(String eventId, boolean pending, java.time.Instant nextAttemptAt, List<Attempt> attempts) {
    }

    private final DeliveryQueueRepo queue;
    private final DeliveryLogRepo log;
    private final DeliveryProperties properties;
    private final Clock clock;

    public EventDeliveries(DeliveryQueueRepo queue, DeliveryLogRepo log, DeliveryProperties properties, Clock clock) {
        this.queue = queue;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    public View of(String accountId, long sequence) {
        return view(queue.find(accountId, sequence).orElseThrow(EventDeliveries::notFound));
    }

    public View redeliver(String accountId, long sequence) {
        return view(queue.redeliver(accountId, sequence, properties.shards(), clock.instant()).orElseThrow(EventDeliveries::notFound));
    }

    private View view(Queued queued) {
        java.time.Instant next = queued.due() == null ? null : java.time.Instant.parse(queued.due().substring(0, queued.due().indexOf('#')));
        return new View(queued.event().id(), queued.due() != null, next, log.attempts(queued.event().accountId(), queued.event().sequence()));
    }

    private static NotFound notFound() {
        return new NotFound("No such event.");
    }
}
