package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 from the JDK (a vetted, FIPS-approved slow KDF; 600,000 iterations by
 * default, OWASP's 2023 figure), stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so
 * the cost can be raised later without breaking existing hashes.
 */
@Singleton
public class PasswordHasher {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();
    private final int iterations;
    /** Verified against when the email is unknown, so a miss costs as long as a wrong password. */
    private final String decoy;

    private final Counter computed;

    public PasswordHasher(BillingSettings settings, MeterRegistry registry) {
        this.iterations = settings.passwordHashIterations();
        this.computed = Counter.builder("ledgerline.auth.password.hashes")
                .description("PBKDF2 computations (logins, decoys and sign-ups)").register(registry);
        this.decoy = hash("decoy password, never matches".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] derived = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
    }

    public boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same time as a real verification and always fails. */
    public boolean verifyDecoy(char[] password) {
        verify(password, decoy);
        return false;
    }

    private byte[] derive(char[] password, byte[] salt, int iterations) {
        computed.increment();
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
