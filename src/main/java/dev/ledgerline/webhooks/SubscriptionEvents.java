package dev.ledgerline.webhooks;

import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.subscriptions.StoredSubscription;
import dev.ledgerline.subscriptions.SubscriptionRepo;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
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
    public InboxStatus handle(Event event) {
        Subscription subscription = EventObjects.object(event, Subscription.class);
        Optional<String> account = Optional.ofNullable(subscription.getCustomer()).flatMap(accounts::accountIdForCustomer);
        if (account.isEmpty()) {
            LOG.warn("Ignoring {} {}: customer {} is not one of our accounts", event.getType(), event.getId(), subscription.getCustomer());
            return InboxStatus.IGNORED;
        }
        if (!subscriptions.save(account.get(), stored(subscription, EventObjects.created(event)), event.getId())) {
            LOG.info("Kept newer state of {} over {} {}", subscription.getId(), event.getType(), event.getId());
        }
        return InboxStatus.PROCESSED;
    }

    /**
     * Since API version 2025-03-31.basil the period lives on each item, not on the subscription
     * (stripe-java 33 has no Subscription#getCurrentPeriodEnd); the first item's price and period
     * stand for the subscription, which the API reports with one price.
     */
    static StoredSubscription stored(Subscription subscription, long asOf) {
        SubscriptionItem first = subscription.getItems() == null || subscription.getItems().getData() == null
                || subscription.getItems().getData().isEmpty() ? null : subscription.getItems().getData().get(0);
        String priceId = first == null || first.getPrice() == null ? null : first.getPrice().getId();
        Instant periodEnd = first == null || first.getCurrentPeriodEnd() == null ? null : Instant.ofEpochSecond(first.getCurrentPeriodEnd());
        return new StoredSubscription(subscription.getId(), subscription.getStatus(), priceId, periodEnd,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), asOf);
    }
}
