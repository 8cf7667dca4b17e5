package dev.ledgerline.store;

/**
 * Which shard of a sharded partition a key falls in: a stable hash, so one account's items of a
 * kind always share a shard, and keys spread evenly over the shards.
 */
public final class Shards {

    private Shards() {
    }

    public static int of(String key, int shards) {
        byte[] digest = Hashes.sha256(key);
        int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        return Math.floorMod(value, Math.max(1, shards));
    }
}
