package dev.ledgerline.auth;

import dev.ledgerline.store.Hashes;

/**
 * Session tokens and service keys are 256-bit random values, so a plain SHA-256 is enough to
 * store and compare them (a slow KDF protects low-entropy passwords, not these).
 */
public final class TokenHash {

    private TokenHash() {
    }

    public static String of(String secret) {
        return Hashes.sha256Hex(secret);
    }

    /** Constant-time comparison of a stored hash with the hash of a presented secret. */
    public static boolean matches(String expectedHash, String secret) {
        return Hashes.constantTimeEquals(expectedHash, of(secret));
    }
}
