package dev.ledgerline.webhooks;

import com.stripe.model.Event;
import com.stripe.model.SetupIntent;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.paymentmethods.MethodLifecycle;
import dev.ledgerline.paymentmethods.MethodStatus;
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
    public InboxStatus handle(Event event) {
        SetupIntent intent = EventObjects.object(event, SetupIntent.class);
        Optional<String> account = Optional.ofNullable(intent.getCustomer()).flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.getType(), event.getId(), intent.getCustomer());
            return InboxStatus.IGNORED;
        }
        Optional<MethodStatus> target = targetStatus(event.getType(), intent);
        String paymentMethodId = paymentMethodOf(event.getType(), intent);
        if (target.isEmpty() || paymentMethodId == null) {
            LOG.info("Nothing to apply from {} {} (status {})", event.getType(), event.getId(), intent.getStatus());
            return InboxStatus.IGNORED;
        }
        lifecycle.moveTo(account.get(), paymentMethodId, target.get(), new MethodLifecycle.SetupNews(
                EventObjects.created(event), intent.getCreated() == null ? 0 : intent.getCreated()));
        return InboxStatus.PROCESSED;
    }

    private static Optional<MethodStatus> targetStatus(String type, SetupIntent intent) {
        return switch (type) {
            case SUCCEEDED -> Optional.of(MethodStatus.ACTIVE);
            case SETUP_FAILED -> Optional.of(MethodStatus.FAILED);
            case REQUIRES_ACTION -> intent.getNextAction() != null
                    && "verify_with_microdeposits".equals(intent.getNextAction().getType())
                    ? Optional.of(MethodStatus.PENDING_VERIFICATION) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** A failed setup names its method in last_setup_error (the intent itself may have been reset). */
    private static String paymentMethodOf(String type, SetupIntent intent) {
        if (SETUP_FAILED.equals(type) && intent.getLastSetupError() != null && intent.getLastSetupError().getPaymentMethod() != null) {
            return intent.getLastSetupError().getPaymentMethod().getId();
        }
        return intent.getPaymentMethod();
    }
}
