package dev.ledgerline.events.delivery;

import dev.ledgerline.events.StoredEvent;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An event with its push state: {@code due} is its place in the outbox shard (null once delivered),
 * {@code from} when the current delivery began (its creation, or the last redelivery asked for) and
 * {@code round} how many rounds of attempts that delivery has had.
 */
record Queued(StoredEvent event, @Nullable String due, Instant from, int round) {
}
