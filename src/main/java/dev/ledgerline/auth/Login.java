package dev.ledgerline.auth;

import dev.ledgerline.errors.TooManyAttempts;
import dev.ledgerline.errors.Unauthenticated;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Login by email and password. An unknown email costs the same hashing as a known one (a decoy),
 * and gets the same answer as a wrong password.
 */
@Singleton
public class Login {

    private final UserRepo users;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final Sessions sessions;

    public Login(UserRepo users, LoginThrottle throttle, PasswordHasher hasher, Sessions sessions) {
        this.users = users;
        this.throttle = throttle;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    public Sessions.Started login(String email, String password) {
        String normalized = normalize(email);
        Optional<Duration> locked = throttle.lockedFor(normalized);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            throw new TooManyAttempts("too_many_attempts",
                    "Too many failed logins for this email; try again in " + seconds + " seconds.", Duration.ofSeconds(seconds));
        }
        Optional<User> user = users.findByEmail(normalized);
        boolean valid = user.isPresent()
                ? hasher.verify(password.toCharArray(), user.get().passwordHash())
                : hasher.verifyDecoy(password.toCharArray());
        if (!valid) {
            throttle.recordFailure(normalized);
            throw new Unauthenticated("Invalid email or password.");
        }
        throttle.clear(normalized);
        return sessions.start(user.get());
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
