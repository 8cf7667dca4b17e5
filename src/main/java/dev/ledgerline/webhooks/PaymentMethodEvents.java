package dev.ledgerline.webhooks;

import com.stripe.model.Event;
import com.stripe.model.PaymentMethod;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.paymentmethods.MethodDetails;
import dev.ledgerline.paymentmethods.MethodLifecycle;
import dev.ledgerline.paymentmethods.PaymentMethodRepo;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * payment_method.*: keeps the stored copy true. Details are replaced only by newer news (the
 * event's {@code created} against the stored {@code detailsAsOf}); a detach removes the method and
 * hands the default on. A detached method has no customer any more, so the account is found from
 * the customer it had ({@code previous_attributes.customer}).
 */
@Singleton
public class PaymentMethodEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentMethodEvents.class);
    static final String UPDATED = "payment_method.updated";
    static final String AUTOMATICALLY_UPDATED = "payment_method.automatically_updated";
    static final String DETACHED = "payment_method.detached";

    private final AccountRepo accounts;
    private final PaymentMethodRepo methods;
    private final MethodLifecycle lifecycle;

    public PaymentMethodEvents(AccountRepo accounts, PaymentMethodRepo methods, MethodLifecycle lifecycle) {
        this.accounts = accounts;
        this.methods = methods;
        this.lifecycle = lifecycle;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(UPDATED, AUTOMATICALLY_UPDATED, DETACHED);
    }

    @Override
    public InboxStatus handle(Event event) {
        PaymentMethod method = EventObjects.object(event, PaymentMethod.class);
        Optional<String> customer = Optional.ofNullable(method.getCustomer()).or(() -> EventObjects.previous(event, "customer"));
        Optional<String> account = customer.flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.getType(), event.getId(), customer.orElse(null));
            return InboxStatus.IGNORED;
        }
        if (DETACHED.equals(event.getType())) {
            lifecycle.remove(account.get(), method.getId(), method.getType());
            return InboxStatus.PROCESSED;
        }
        if (methods.find(account.get(), method.getId()).isEmpty()) {
            throw new EventNotReadyException("payment method " + method.getId() + " is not stored yet");
        }
        if (!methods.updateDetails(account.get(), method.getId(), MethodDetails.from(method), EventObjects.created(event))) {
            LOG.info("Kept newer details of {} over {} {}", method.getId(), event.getType(), event.getId());
        }
        return InboxStatus.PROCESSED;
    }
}
