package dev.ledgerline.paymentmethods;

import dev.ledgerline.audit.Audits;
import dev.ledgerline.stripe.StripeGateway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves a stored payment method along {@link MethodStatus}, from webhooks and from the
 * microdeposit verification answer alike. Safe to call twice or out of order: a move that the
 * table does not allow from the current status is skipped, and every write is conditional.
 */
@Singleton
public class MethodLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MethodLifecycle.class);
    private static final int ATTEMPTS = 5;

    private final PaymentMethodRepo methods;
    private final DefaultMethod defaults;
    private final StripeGateway stripe;
    private final MethodEvents events;
    private final Audits audits;
    private final Clock clock;

    public MethodLifecycle(PaymentMethodRepo methods, DefaultMethod defaults, StripeGateway stripe, MethodEvents events, Audits audits,
                           Clock clock) {
        this.audits = audits;
        this.methods = methods;
        this.defaults = defaults;
        this.stripe = stripe;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What Stripe told us about a setup, in Stripe's own times (epoch seconds): when it said it
     * (the event's {@code created}) and when the SetupIntent was created. Using these, never the
     * order of arrival, is what makes any delivery order end in the same state.
     */
    public record SetupNews(long at, long setupIntentCreated) {
    }

    /**
     * Brings the method to {@code target} if allowed (storing it first, with details re-read from
     * Stripe, when it is new), and lets it become the default if it is active.
     */
    public void moveTo(String accountId, String paymentMethodId, MethodStatus target, SetupNews news) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredMethod> stored = methods.find(accountId, paymentMethodId);
            if (stored.isEmpty()) {
                if (insert(accountId, paymentMethodId, target, news)) {
                    afterMove(accountId, paymentMethodId, target);
                    return;
                }
                continue;
            }
            MethodStatus current = stored.get().status();
            if (current == target || !current.canBecome(target)) {
                LOG.info("Payment method {} stays {} (event asked for {})", paymentMethodId, current.value(), target.value());
                afterMove(accountId, paymentMethodId, current);
                return;
            }
            Instant now = clock.instant();
            StoredMethod moved = with(stored.get(), target, target == MethodStatus.ACTIVE ? news.at() : stored.get().activatedAt());
            if (methods.moveStatus(accountId, paymentMethodId, current, target, now, news.at(), events.of(accountId, moved), null)) {
                afterMove(accountId, paymentMethodId, target);
                return;
            }
        }
        throw new IllegalStateException("Payment method " + paymentMethodId + " kept changing; the event will be retried");
    }

    /**
     * Stripe detached it (or the user removed it): tombstone, and hand the default on. A method not
     * stored yet gets a tombstone too, so its setup event, if it arrives later, cannot add it.
     */
    public void remove(String accountId, String paymentMethodId, String type) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredMethod> stored = methods.find(accountId, paymentMethodId);
            if (stored.isEmpty()) {
                Instant now = clock.instant();
                if (methods.insert(accountId, new StoredMethod(paymentMethodId, new MethodDetails(type, null, null, null, null, null),
                        MethodStatus.REMOVED, 0, now, 0, 0))) {
                    return;
                }
                continue;
            }
            if (stored.get().status() == MethodStatus.REMOVED) {
                break;
            }
            StoredMethod removed = with(stored.get(), MethodStatus.REMOVED, stored.get().activatedAt());
            if (methods.moveStatus(accountId, paymentMethodId, stored.get().status(), MethodStatus.REMOVED, clock.instant(), 0,
                    events.of(accountId, removed), audits.change(accountId, "payment_method.remove", paymentMethodId, null, clock.instant()))) {
                break;
            }
        }
        defaults.replaceRemoved(accountId, paymentMethodId);
    }

    /**
     * New methods go last: their rank is the SetupIntent's creation time, later than any method set
     * up before, and far above the 1..n a reorder assigns. The details just read from Stripe are
     * current, so they count as of now.
     */
    private boolean insert(String accountId, String paymentMethodId, MethodStatus status, SetupNews news) {
        MethodDetails details = MethodDetails.from(stripe.retrievePaymentMethod(paymentMethodId));
        Instant now = clock.instant();
        long rank = news.setupIntentCreated() > 0 ? news.setupIntentCreated() : now.getEpochSecond();
        StoredMethod method = new StoredMethod(paymentMethodId, details, status, rank, now, now.getEpochSecond(),
                status == MethodStatus.ACTIVE ? news.at() : 0);
        return methods.insert(accountId, method, events.of(accountId, method));
    }

    private static StoredMethod with(StoredMethod m, MethodStatus status, long activatedAt) {
        return new StoredMethod(m.id(), m.details(), status, m.rank(), m.createdAt(), m.detailsAsOf(), activatedAt);
    }

    private void afterMove(String accountId, String paymentMethodId, MethodStatus status) {
        if (status == MethodStatus.ACTIVE) {
            defaults.adopt(accountId, paymentMethodId);
        }
    }
}
