package dev.ledgerline.events;

import dev.ledgerline.store.Hashes;
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
        byte[] digest = Hashes.sha256(accountId);
        int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        return Math.floorMod(value, Math.max(1, shards));
    }

    /** The GSI2 sort key: {@code <due>#<accountId>#<sequence>}, so a shard is read in the order its events fall due. */
    public static String due(Instant due, String accountId, long sequence) {
        return Times.sortable(due) + "#" + accountId + "#" + String.format("%012d", sequence);
    }
}
