package dev.ledgerline.webhooks;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.paymentmethods.MethodDetails;
import dev.ledgerline.paymentmethods.MethodLifecycle;
import dev.ledgerline.paymentmethods.PaymentMethodRepo;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripePaymentMethod;
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
    public InboxStatus handle(StripeEvent event) {
        StripePaymentMethod method = event.object(StripePaymentMethod.class);
        Optional<String> customer = Optional.ofNullable(method.customer()).or(() -> event.previous("customer"));
        Optional<String> account = customer.flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.type(), event.id(), customer.orElse(null));
            return InboxStatus.IGNORED;
        }
        if (DETACHED.equals(event.type())) {
            lifecycle.remove(account.get(), method.id(), method.type());
            return InboxStatus.PROCESSED;
        }
        if (methods.find(account.get(), method.id()).isEmpty()) {
            throw new EventNotReadyException("payment method " + method.id() + " is not stored yet");
        }
        if (!methods.updateDetails(account.get(), method.id(), MethodDetails.from(method), event.created())) {
            LOG.info("Kept newer details of {} over {} {}", method.id(), event.type(), event.id());
        }
        return InboxStatus.PROCESSED;
    }
}
