package dev.ledgerline.events;

import dev.ledgerline.store.Shards;
import dev.ledgerline.store.Times;

import java.time.Instant;

/**
 * Where an event waits for its push to the host: the outbox shard of its account (a stable hash, so
 * one account's events share a shard) and its place in the shard, by the time it is due.
 */
public final class OutboxShards {

    private OutboxShards() {
    }

    public static int of(String accountId, int shards) {
        return Shards.of(accountId, shards);
    }

    /** The GSI2 sort key: {@code <due>#<accountId>#<sequence>}, so a shard is read in the order its events fall due. */
    public static String due(Instant due, String accountId, long sequence) {
        return Times.sortable(due) + "#" + accountId + "#" + String.format("%012d", sequence);
    }
}
