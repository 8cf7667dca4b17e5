package dev.ledgerline.webhooks;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.paymentmethods.MethodLifecycle;
import dev.ledgerline.paymentmethods.MethodStatus;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeSetupIntent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * setup_intent.*: a saved card or bank account becomes active, waits for microdeposits, or fails.
 * The method itself is re-read from Stripe when it is first stored (the event carries only its id).
 */
@Singleton
public class SetupIntentEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SetupIntentEvents.class);
    static final String SUCCEEDED = "setup_intent.succeeded";
    static final String REQUIRES_ACTION = "setup_intent.requires_action";
    static final String SETUP_FAILED = "setup_intent.setup_failed";

    private final AccountRepo accounts;
    private final MethodLifecycle lifecycle;

    public SetupIntentEvents(AccountRepo accounts, MethodLifecycle lifecycle) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SUCCEEDED, REQUIRES_ACTION, SETUP_FAILED);
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        StripeSetupIntent intent = event.object(StripeSetupIntent.class);
        Optional<String> account = Optional.ofNullable(intent.customer()).flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.type(), event.id(), intent.customer());
            return InboxStatus.IGNORED;
        }
        Optional<MethodStatus> target = targetStatus(event.type(), intent);
        String paymentMethodId = paymentMethodOf(event.type(), intent);
        if (target.isEmpty() || paymentMethodId == null) {
            LOG.info("Nothing to apply from {} {} (status {})", event.type(), event.id(), intent.status());
            return InboxStatus.IGNORED;
        }
        lifecycle.moveTo(account.get(), paymentMethodId, target.get(), new MethodLifecycle.SetupNews(
                event.created(), intent.created()));
        return InboxStatus.PROCESSED;
    }

    private static Optional<MethodStatus> targetStatus(String type, StripeSetupIntent intent) {
        return switch (type) {
            case SUCCEEDED -> Optional.of(MethodStatus.ACTIVE);
            case SETUP_FAILED -> Optional.of(MethodStatus.FAILED);
            case REQUIRES_ACTION -> "verify_with_microdeposits".equals(intent.nextActionType())
                    ? Optional.of(MethodStatus.PENDING_VERIFICATION) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** A failed setup names its method in last_setup_error (the intent itself may have been reset). */
    private static String paymentMethodOf(String type, StripeSetupIntent intent) {
        if (SETUP_FAILED.equals(type) && intent.failedPaymentMethod() != null) {
            return intent.failedPaymentMethod();
        }
        return intent.paymentMethod();
    }
}
