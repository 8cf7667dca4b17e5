package dev.ledgerline.auth;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.WindowCounter;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login attempts per email, in the email's partition {@code PK=LOGINFAIL#<email>}: per client
 * address ({@code SK=ADDR#<address>}), for the whole email ({@code SK=LOGINFAIL}), and the
 * addresses that logged in recently ({@code SK=OK#<address>}). Every item expires by its
 * {@code ttl}. In the table, so every instance counts the same attempts.
 */
@Singleton
public class LoginFailureRepo {

    private final BillingTable table;
    private final WindowCounter counter;

    public LoginFailureRepo(BillingTable table, WindowCounter counter) {
        this.table = table;
        this.counter = counter;
    }

    /** Takes an attempt of {@code email} from {@code address}; empty when taken, else the window's end. */
    public Optional<Instant> takeFromAddress(String email, String address, int limit, Instant now, Duration window) {
        return counter.take(Keys.loginFailures(email), Keys.loginFailuresFrom(address), limit, now, window);
    }

    public void giveBackFromAddress(String email, String address) {
        counter.giveBack(Keys.loginFailures(email), Keys.loginFailuresFrom(address));
    }

    public void clearFromAddress(String email, String address) {
        counter.clear(Keys.loginFailures(email), Keys.loginFailuresFrom(address));
    }

    /** Takes an attempt of {@code email} from anywhere; empty when taken, else the window's end. */
    public Optional<Instant> takeForEmail(String email, int limit, Instant now, Duration window) {
        return counter.take(Keys.loginFailures(email), Keys.LOGIN_FAILURES_SK, limit, now, window);
    }

    public boolean known(String email, String address, Instant now) {
        return table.get(Keys.loginFailures(email), Keys.loginKnownAddress(address))
                .filter(item -> Attr.getN(item, Keys.TTL, 0) > now.getEpochSecond())
                .isPresent();
    }

    public void rememberAddress(String email, String address, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.loginFailures(email), Keys.loginKnownAddress(address)));
        item.put(Keys.TTL, Attr.n(until.getEpochSecond()));
        table.put(item);
    }
}
