package dev.ledgerline.events.delivery;

import dev.ledgerline.events.EventViews;
import dev.ledgerline.jobs.ShardRunner;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes due events to the host's endpoints, at least once. A run takes each outbox shard it can
 * lease, reads the events due in it and, per event, POSTs it to every endpoint it matches that has
 * not answered it with a 2xx in this delivery yet; every attempt goes to the delivery log before the
 * event's state changes. Delivered everywhere (or given up), the event leaves the outbox; otherwise
 * it is due again after the backoff. A crash anywhere leaves it in the outbox: redelivered, never lost.
 */
@Singleton
public class Deliverer {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** Failures in a row after which a run stops pushing to an endpoint (its events wait for their next round). */
    static final int RUN_BREAKER = 3;

    private final DeliveryQueueRepo queue;
    private final DeliveryLogRepo log;
    private final ShardRunner shards;
    private final WebhookEndpoints endpoints;
    private final EndpointHealth health;
    private final EventSender sender;
    private final EventViews views;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final List<EventDestination> destinations;
    private final Clock clock;
    /** The outbox shards' leases, in {@code LEASES#outbox}. */
    static final String JOB = "outbox";

    public Deliverer(DeliveryQueueRepo queue, DeliveryLogRepo log, ShardRunner shards, WebhookEndpoints endpoints, EndpointHealth health,
                     EventSender sender, EventViews views, DeliveryMetrics metrics, DeliveryProperties properties,
                     List<EventDestination> destinations, Clock clock) {
        this.queue = queue;
        this.log = log;
        this.shards = shards;
        this.endpoints = endpoints;
        this.health = health;
        this.sender = sender;
        this.views = views;
        this.metrics = metrics;
        this.properties = properties;
        this.destinations = List.copyOf(destinations);
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(int shards, int events, int attempts, int delivered) {
        public String toString() {
            return shards + " shards, " + events + " events, " + attempts + " attempts, " + delivered + " delivered";
        }
    }

    /** One pass over the shards this instance can lease, in random order so instances share them. */
    public Run runOnce() {
        int[] totals = new int[4];
        Map<String, Integer> failing = new HashMap<>();
        WebhookEndpoints.Known known = endpoints.readNow();
        totals[0] = shards.run(JOB, properties.shards(), properties.leaseTime(), null,
                (shard, lease) -> drain(shard, lease, known, totals, failing));
        return new Run(totals[0], totals[1], totals[2], totals[3]);
    }

    /**
     * {@code failing} counts each endpoint's failures in a row in this run: an endpoint that times
     * out must not hold up every event of the shard (and the other endpoints) for its timeout each.
     */
    private void drain(int shard, ShardRunner.Lease lease, WebhookEndpoints.Known known, int[] totals, Map<String, Integer> failing) {
        for (DeliveryQueueRepo.Due due : queue.due(shard, clock.instant(), properties.batchSize())) {
            if (!lease.keep()) {
                return; // taken over: the new owner carries on
            }
            Instant now = clock.instant();
            queue.find(due.accountId(), due.sequence()).ifPresent(queued -> {
                if (queued.due() != null && !isLater(queued.due(), now) && !newerThan(known, queued)) {
                    totals[1]++;
                    deliver(queued, known, totals, failing);
                }
            });
        }
    }

    /**
     * Whether the event is not certainly older than the endpoint list read for this run: an
     * endpoint registered just before it (on another instance, whose clock may differ a little)
     * might be missing from the list, and the event would be finished without it. It waits for the
     * next run, whose list is read later.
     */
    private static boolean newerThan(WebhookEndpoints.Known known, Queued queued) {
        return !queued.from().isBefore(known.readAt().minus(CLOCK_MARGIN));
    }

    /** How far apart the instances' clocks may be. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

    /** The index lags: the item itself says whether it is still due now. */
    private static boolean isLater(String due, Instant now) {
        return due.compareTo(dev.ledgerline.store.Times.sortable(now) + "$") > 0;
    }

    /**
     * The event at the other destinations (the customer's emails): whether each settled it. One
     * that failed {@link #RUN_BREAKER} times in this run is not tried again until the next.
     */
    private boolean others(Queued queued, Map<String, Integer> failing) {
        boolean settled = true;
        for (EventDestination destination : destinations) {
            if (!destination.enabled()) {
                continue;
            }
            String key = "destination:" + destination.name();
            if (failing.getOrDefault(key, 0) >= RUN_BREAKER) {
                settled = false;
            } else if (!destination.settle(queued.event())) {
                failing.merge(key, 1, Integer::sum);
                settled = false;
            }
        }
        return settled;
    }

    private void deliver(Queued queued, WebhookEndpoints.Known known, int[] totals, Map<String, Integer> failing) {
        String type = queued.event().type().value();
        List<Endpoint> wanting = known.endpoints().stream().filter(e -> e.wants(type, queued.from())).toList();
        boolean remaining = false;
        if (!wanting.isEmpty()) {
            List<Attempt> attempts = log.attempts(queued.event().accountId(), queued.event().sequence());
            String body = views.body(queued.event());
            for (Endpoint endpoint : wanting) {
                List<Attempt> ours = attempts.stream().filter(a -> a.endpointId().equals(endpoint.id())).toList();
                boolean settled = ours.stream().anyMatch(a -> a.outcome() != Attempt.Outcome.FAILED && !a.at().isBefore(queued.from()));
                if (settled) {
                    continue;
                }
                if (failing.getOrDefault(endpoint.id(), 0) >= RUN_BREAKER) {
                    remaining = true;
                    continue;
                }
                Attempt attempt = attempt(queued, endpoint, body, ours.size() + 1);
                totals[2]++;
                if (attempt.outcome() == Attempt.Outcome.DELIVERED) {
                    totals[3]++;
                    failing.remove(endpoint.id());
                } else {
                    failing.merge(endpoint.id(), 1, Integer::sum);
                    remaining |= attempt.outcome() == Attempt.Outcome.FAILED;
                }
            }
        }
        remaining |= !others(queued, failing);
        boolean changed = remaining
                ? queue.reschedule(queued, clock.instant().plus(Backoff.after(queued.round() + 1, properties.firstRetry(), properties.maxRetry())))
                : queue.done(queued);
        if (!changed) {
            LOG.info("Event {} of {} was redelivered or taken over meanwhile; its new state stands", queued.event().sequence(),
                    queued.event().accountId());
        }
    }

    private Attempt attempt(Queued queued, Endpoint endpoint, String body, int number) {
        EventSender.Result result = sender.send(endpoint, queued.event().id(), body);
        Instant at = clock.instant();
        Attempt.Outcome outcome = result.delivered() ? Attempt.Outcome.DELIVERED
                : Duration.between(queued.from(), at).compareTo(properties.giveUpAfter()) >= 0 ? Attempt.Outcome.GAVE_UP
                : Attempt.Outcome.FAILED;
        Attempt attempt = new Attempt(endpoint.id(), number, outcome, result.statusCode(), result.error(), result.latencyMs(), at);
        log.record(queued.event().accountId(), queued.event().sequence(), attempt);
        metrics.attempt(outcome, result.latencyMs());
        if (outcome == Attempt.Outcome.DELIVERED) {
            health.succeeded(endpoint);
        } else {
            if (outcome == Attempt.Outcome.GAVE_UP) {
                LOG.warn("Gave up pushing event {} of account {} to endpoint {} after {} attempts", queued.event().sequence(),
                        queued.event().accountId(), endpoint.id(), number);
            }
            health.failed(endpoint, at);
        }
        return attempt;
    }
}
