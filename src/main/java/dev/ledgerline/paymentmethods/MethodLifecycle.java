package dev.ledgerline.paymentmethods;

import dev.ledgerline.stripe.StripeGateway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    private final Clock clock;

    public MethodLifecycle(PaymentMethodRepo methods, DefaultMethod defaults, StripeGateway stripe, Clock clock) {
        this.methods = methods;
        this.defaults = defaults;
        this.stripe = stripe;
        this.clock = clock;
    }

    /**
     * Brings the method to {@code target} if allowed (storing it first, with details re-read from
     * Stripe, when it is new), and makes it the default if it is active and there is none.
     *
     * @param asOf Stripe time (epoch seconds) of the news, e.g. the event's {@code created}
     */
    public void moveTo(String accountId, String paymentMethodId, MethodStatus target, long asOf) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredMethod> stored = methods.find(accountId, paymentMethodId);
            if (stored.isEmpty()) {
                if (insert(accountId, paymentMethodId, target, asOf)) {
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
            if (methods.moveStatus(accountId, paymentMethodId, current, target, clock.instant())) {
                afterMove(accountId, paymentMethodId, target);
                return;
            }
        }
        throw new IllegalStateException("Payment method " + paymentMethodId + " kept changing; the event will be retried");
    }

    /** Stripe detached it (or the user removed it): tombstone, and hand the default on. */
    public void remove(String accountId, String paymentMethodId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredMethod> stored = methods.find(accountId, paymentMethodId);
            if (stored.isEmpty() || stored.get().status() == MethodStatus.REMOVED) {
                break;
            }
            if (methods.moveStatus(accountId, paymentMethodId, stored.get().status(), MethodStatus.REMOVED, clock.instant())) {
                break;
            }
        }
        defaults.replaceRemoved(accountId, paymentMethodId);
    }

    private boolean insert(String accountId, String paymentMethodId, MethodStatus status, long asOf) {
        MethodDetails details = MethodDetails.from(stripe.retrievePaymentMethod(paymentMethodId));
        List<StoredMethod> existing = methods.list(accountId);
        long lastRank = existing.stream().mapToLong(StoredMethod::rank).max().orElse(0);
        Instant now = clock.instant();
        // New methods go last in the fallback order.
        return methods.insert(accountId, new StoredMethod(paymentMethodId, details, status, lastRank + 1, now, asOf));
    }

    private void afterMove(String accountId, String paymentMethodId, MethodStatus status) {
        if (status == MethodStatus.ACTIVE) {
            defaults.adoptIfNone(accountId, paymentMethodId);
        }
    }
}
