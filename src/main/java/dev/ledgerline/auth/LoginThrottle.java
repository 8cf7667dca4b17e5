package dev.ledgerline.auth;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.errors.TooManyAttempts;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The guess limits, taken before the password is hashed, so parallel guesses cannot overshoot:
 *
 * <ul>
 *   <li>per email and client address: {@code billing.login-max-failures} (5) attempts per
 *   {@code billing.login-lockout} (15 min) window; a success clears it. A stranger's failures
 *   lock only the stranger's address out, never the owner's.</li>
 *   <li>per email, from addresses that have not logged in to it within
 *   {@code billing.login.known-address-for} (30 days): {@code billing.login.email-max-failures}
 *   (100) per window. That caps what many addresses together can try, while the owner's usual
 *   address is not counted and never locked out by it.</li>
 * </ul>
 * Unknown emails are counted exactly like known ones, so the limits tell nothing about who has an account.
 */
@Singleton
public class LoginThrottle {

    private final LoginFailureRepo failures;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final int emailMaxFailures;
    private final Duration knownFor;

    public LoginThrottle(LoginFailureRepo failures, Clock clock, BillingSettings settings, LoginProperties properties) {
        this.failures = failures;
        this.clock = clock;
        this.maxFailures = settings.loginMaxFailures();
        this.window = settings.loginLockout();
        this.emailMaxFailures = properties.emailMaxFailures();
        this.knownFor = properties.knownAddressFor();
    }

    /** Counts one attempt of {@code email} from {@code address}, or throws {@link TooManyAttempts}. */
    public void take(String email, String address) {
        // Whole seconds, as the window's end is stored (epoch seconds, the item's TTL).
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Optional<Instant> full = failures.takeFromAddress(email, address, maxFailures, now, window);
        if (full.isEmpty() && !failures.known(email, address, now)) {
            full = failures.takeForEmail(email, emailMaxFailures, now, window);
            if (full.isPresent()) {
                // Not attempted after all: the address's own count is not charged for it.
                failures.giveBackFromAddress(email, address);
            }
        }
        if (full.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, full.get()).toSeconds());
            throw new TooManyAttempts("too_many_attempts",
                    "Too many failed logins for this email; try again in " + seconds + " seconds.", Duration.ofSeconds(seconds));
        }
    }

    /** The attempt was right: the address's count is cleared and the address is known for a while. */
    public void succeeded(String email, String address) {
        failures.clearFromAddress(email, address);
        failures.rememberAddress(email, address, clock.instant().plus(knownFor));
    }
}
