package dev.ledgerline.events;

import java.time.Instant;

/** An event as recorded: numbered within its account from 1 without gaps; {@code objectJson} is the snapshot. */
public record StoredEvent(String id, String accountId, long sequence, EventType type, Instant createdAt, String objectJson) {
}
