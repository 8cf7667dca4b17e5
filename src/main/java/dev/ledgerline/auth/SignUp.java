package dev.ledgerline.auth;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Ids;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Sign-up: a new account and its owner, in one transaction. An email that already has an account
 * is answered exactly like a new one (201 with ids of the same shape, after the same hashing), so
 * sign-up does not tell who has an account; nothing is written, the caller is not signed in, and
 * the owner's account is untouched. (The owner is told nothing yet: there is no email until #18.)
 */
@Singleton
public class SignUp {

    private static final Logger LOG = LoggerFactory.getLogger(SignUp.class);

    static final List<String> OWNER_ROLES = List.of("owner");

    private final UserRepo users;
    private final PasswordHasher hasher;
    private final AddressThrottle addresses;
    private final HashingGate gate;
    private final BillingSettings settings;
    private final String currency;
    private final Clock clock;

    public SignUp(UserRepo users, PasswordHasher hasher, AddressThrottle addresses, HashingGate gate, BillingSettings settings,
                  StripeSettings stripe, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.addresses = addresses;
        this.gate = gate;
        this.settings = settings;
        this.currency = stripe.defaultCurrency();
        this.clock = clock;
    }

    public record SignedUp(String accountId, String userId) {
    }

    public SignedUp signup(String email, String password, String accountName, String clientAddress) {
        if (!settings.signupEnabled()) {
            throw new NotFound("Sign-up is not enabled on this service.");
        }
        addresses.take(clientAddress);
        try (HashingGate.Slot slot = gate.enter()) {
            return createAccount(email, password, accountName);
        } catch (Conflict taken) {
            // Hashed and refused by the table like a new email would have been written: ids of
            // the same shape that were never written, naming nothing and logging in to nothing.
            LOG.info("Sign-up for an email that already has an account; answered as a new one, nothing written");
            return new SignedUp(Ids.newId("acct"), Ids.newId("user"));
        }
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
