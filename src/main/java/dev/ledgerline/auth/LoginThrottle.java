package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per email in a fixed window; once the count reaches the limit, logins for
 * that email are refused until the window ends.
 */
@Singleton
public class LoginThrottle {

    private final LoginFailureRepo failures;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(LoginFailureRepo failures, Clock clock, BillingSettings settings) {
        this.failures = failures;
        this.clock = clock;
        this.maxFailures = settings.loginMaxFailures();
        this.window = settings.loginLockout();
    }

    /** Present when the email is locked out: how long until it may try again. */
    public Optional<Duration> lockedFor(String email) {
        Instant now = clock.instant();
        return failures.find(email)
                .filter(f -> f.windowEnd().isAfter(now) && f.count() >= maxFailures)
                .map(f -> Duration.between(now, f.windowEnd()));
    }

    public void recordFailure(String email) {
        // Whole seconds, as the window's end is stored (epoch seconds, the item's TTL).
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        failures.count(email, now, now.plus(window));
    }

    public void clear(String email) {
        failures.clear(email);
    }
}
