package dev.ledgerline.subscriptions;

import dev.ledgerline.api.SubscriptionsApi;
import dev.ledgerline.api.model.Subscription;
import dev.ledgerline.api.model.SubscriptionList;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.annotation.Controller;

import java.time.ZoneOffset;

@Controller
public class SubscriptionsController implements SubscriptionsApi {

    private final SubscriptionRepo subscriptions;
    private final CurrentSession current;

    public SubscriptionsController(SubscriptionRepo subscriptions, CurrentSession current) {
        this.subscriptions = subscriptions;
        this.current = current;
    }

    @Override
    public SubscriptionList listSubscriptions() {
        return new SubscriptionList(subscriptions.list(current.accountId()).stream()
                .map(SubscriptionsController::toApi)
                .toList());
    }

    private static Subscription toApi(StoredSubscription s) {
        return new Subscription(s.id(), s.status(), s.priceId(),
                s.currentPeriodEnd() == null ? null : s.currentPeriodEnd().atZone(ZoneOffset.UTC), s.cancelAtPeriodEnd());
    }
}
