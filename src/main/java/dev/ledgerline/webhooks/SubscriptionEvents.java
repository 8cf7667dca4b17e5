package dev.ledgerline.webhooks;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.subscriptions.StoredSubscription;
import dev.ledgerline.subscriptions.SubscriptionRepo;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeSubscription;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * customer.subscription.*: keeps the account's copy of each subscription as the newest event
 * reported it. A deletion is stored, not removed, with Stripe's status ({@code canceled}), so a late
 * update cannot bring the subscription back.
 */
@Singleton
public class SubscriptionEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEvents.class);
    static final String CREATED = "customer.subscription.created";
    static final String UPDATED = "customer.subscription.updated";
    static final String DELETED = "customer.subscription.deleted";

    private final AccountRepo accounts;
    private final SubscriptionRepo subscriptions;

    public SubscriptionEvents(AccountRepo accounts, SubscriptionRepo subscriptions) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(CREATED, UPDATED, DELETED);
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        StripeSubscription subscription = event.object(StripeSubscription.class);
        Optional<String> account = Optional.ofNullable(subscription.customer()).flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.type(), event.id(), subscription.customer());
            return InboxStatus.IGNORED;
        }
        if (!subscriptions.save(account.get(), stored(subscription, event.created()), event.id())) {
            LOG.info("Kept newer state of {} over {} {}", subscription.id(), event.type(), event.id());
        }
        return InboxStatus.PROCESSED;
    }

    static StoredSubscription stored(StripeSubscription subscription, long asOf) {
        return new StoredSubscription(subscription.id(), subscription.status(), subscription.priceId(), subscription.currentPeriodEnd(),
                subscription.cancelAtPeriodEnd(), asOf);
    }
}
