package dev.ledgerline.auth;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Sign-up: a new account and its owner, in one transaction. */
@Singleton
public class SignUp {

    static final List<String> OWNER_ROLES = List.of("owner");

    private final UserRepo users;
    private final PasswordHasher hasher;
    private final BillingSettings settings;
    private final String currency;
    private final Clock clock;

    public SignUp(UserRepo users, PasswordHasher hasher, BillingSettings settings, StripeSettings stripe, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.settings = settings;
        this.currency = stripe.defaultCurrency();
        this.clock = clock;
    }

    public record SignedUp(String accountId, String userId) {
    }

    public SignedUp signup(String email, String password, String accountName) {
        if (!settings.signupEnabled()) {
            throw new NotFound("Sign-up is not enabled on this service.");
        }
        return createAccount(email, password, accountName);
    }

    /** Creates an account and its owner; also how dev mode seeds the demo login. */
    public SignedUp createAccount(String email, String password, String accountName) {
        String normalized = Login.normalize(email);
        Instant now = clock.instant();
        Account account = new Account(Ids.newId("acct"), accountName.trim(), currency, now, null);
        User user = new User(Ids.newId("user"), normalized, account.accountId(), hasher.hash(password.toCharArray()),
                OWNER_ROLES, now);
        if (!users.insertWithAccount(user, account)) {
            throw new Conflict("email_taken", "An account with this email already exists.");
        }
        return new SignedUp(account.accountId(), user.userId());
    }
}
