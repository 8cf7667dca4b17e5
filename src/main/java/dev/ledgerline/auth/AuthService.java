package dev.ledgerline.auth;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.TooManyAttempts;
import dev.ledgerline.errors.Unauthenticated;
import dev.ledgerline.store.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Sign-up, login and logout. */
@Singleton
public class AuthService {

    static final List<String> OWNER_ROLES = List.of("owner");

    private final UserRepo users;
    private final SessionRepo sessions;
    private final SessionCache sessionCache;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final BillingSettings settings;
    private final String currency;
    private final Clock clock;

    public AuthService(UserRepo users, SessionRepo sessions, SessionCache sessionCache, LoginThrottle throttle, PasswordHasher hasher,
                       BillingSettings settings, StripeSettings stripe, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.sessionCache = sessionCache;
        this.throttle = throttle;
        this.hasher = hasher;
        this.settings = settings;
        this.currency = stripe.defaultCurrency();
        this.clock = clock;
    }

    public record SignedUp(String accountId, String userId) {
    }

    /** A new session and the only copy of its token there will ever be. */
    public record LoggedIn(Session session, String token) {
    }

    public SignedUp signup(String email, String password, String accountName) {
        if (!settings.signupEnabled()) {
            throw new NotFound("Sign-up is not enabled on this service.");
        }
        return createAccount(email, password, accountName);
    }

    /** Creates an account and its owner; also how dev mode seeds the demo login. */
    public SignedUp createAccount(String email, String password, String accountName) {
        String normalized = normalize(email);
        Instant now = clock.instant();
        Account account = new Account(Ids.newId("acct"), accountName.trim(), currency, now, null);
        User user = new User(Ids.newId("user"), normalized, account.accountId(), hasher.hash(password.toCharArray()),
                OWNER_ROLES, now);
        if (!users.insertWithAccount(user, account)) {
            throw new Conflict("email_taken", "An account with this email already exists.");
        }
        return new SignedUp(account.accountId(), user.userId());
    }

    public LoggedIn login(String email, String password) {
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
        return startSession(user.get());
    }

    public void logout(String sessionId) {
        sessions.delete(sessionId);
        sessionCache.evict(sessionId);
    }

    /** Also used by dev mode to hand out the demo login. */
    public LoggedIn startSession(User user) {
        Instant now = clock.instant();
        String token = Ids.randomToken(32);
        Session session = new Session(Ids.newId("sess"), TokenHash.of(token), user.accountId(), user.userId(),
                user.email(), user.roles(), now, now.plus(settings.sessionTtl()));
        sessions.insert(session);
        return new LoggedIn(session, token);
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
