package dev.ledgerline.paymentmethods;

import dev.ledgerline.errors.TooManyAttempts;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.WindowCounter;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SetupIntents an account may create per window (cards and bank accounts together). Each one is
 * a card test an attacker with a fresh account could run against Stripe; a real customer saves a
 * handful. Counted in the table with one conditional write, so parallel requests and several
 * instances cannot exceed it.
 */
@Singleton
public class SetupIntentLimit {

    /** {@code billing.setup-intents.*}: at most {@code limit} per {@code window} per account. */
    @ConfigurationProperties("billing.setup-intents")
    public record Properties(@Bindable(defaultValue = "10") int limit, @Bindable(defaultValue = "1h") Duration window) {
    }

    private final WindowCounter counter;
    private final Properties properties;
    private final Clock clock;

    public SetupIntentLimit(WindowCounter counter, Properties properties, Clock clock) {
        this.counter = counter;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts one SetupIntent for the account, or throws {@link TooManyAttempts} (nothing is created). */
    public void take(String accountId) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Optional<Instant> full = counter.take(Keys.account(accountId), Keys.SETUP_INTENT_LIMIT_SK, properties.limit(), now,
                properties.window());
        if (full.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, full.get()).toSeconds());
            throw new TooManyAttempts("setup_intent_limit", "This account has started " + properties.limit()
                    + " payment method setups recently; try again in " + seconds + " seconds.", Duration.ofSeconds(seconds));
        }
    }
}
