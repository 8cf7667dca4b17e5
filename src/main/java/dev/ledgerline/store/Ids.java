package dev.ledgerline.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Random identifiers and secrets. Ids are 128 random bits: unguessable, so never a hint of another account. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** {@code prefix_} followed by 22 URL-safe characters. */
    public static String newId(String prefix) {
        return prefix + "_" + randomToken(16);
    }

    /** URL-safe text of {@code bytes} random bytes. */
    public static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }

    /**
     * A deterministic id for a cause (for example an account's idempotency key): the same parts
     * always give the same id, so a repeated cause finds the item its first occurrence wrote.
     */
    public static String derived(String prefix, String... parts) {
        byte[] digest = Hashes.sha256(String.join("\u0000", parts));
        return prefix + "_" + ENCODER.encodeToString(Arrays.copyOf(digest, 16));
    }
}
