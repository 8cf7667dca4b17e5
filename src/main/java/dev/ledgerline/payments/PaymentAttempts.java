package dev.ledgerline.payments;

import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.stripe.OffSessionCharge;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRejection;
import dev.ledgerline.stripe.StripeUnavailable;
import dev.ledgerline.stripe.StripePaymentIntent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Charges a reserved payment off-session, method by method. It moves to the next method only after
 * a decline another method could cure; after an ambiguous error (timeout, 5xx) it stops and the
 * payment stays processing until a webhook or the janitor learns what Stripe did. When the last
 * method is declined for want of authentication, the payment waits for the customer instead of
 * failing ({@link CustomerActions}). Each attempt's
 * idempotency key names the payment and the attempt, so a replay can never charge twice.
 */
@Singleton
public class PaymentAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentAttempts.class);
    public static final String PAYMENT_METADATA = "ledgerline_payment_id";
    public static final String ATTEMPT_METADATA = "ledgerline_attempt";
    /**
     * How long the paying request keeps failure news waiting while it tries its methods, renewed
     * at each attempt (one Stripe call can take a minute: a 20 s read timeout, three tries).
     */
    static final Duration ATTEMPT_LEASE = Duration.ofSeconds(60);

    /** Declines that say "this method, not this payment": another method may well succeed. */
    private static final Set<String> CURABLE = Set.of("card_declined", "insufficient_funds", "expired_card", "incorrect_cvc",
            "incorrect_number", "invalid_expiry_month", "invalid_expiry_year", "authentication_required", "lost_card",
            "stolen_card", "card_velocity_exceeded", "withdrawal_count_limit_exceeded", "do_not_honor", "generic_decline",
            "account_closed", "no_account", "debit_not_authorized", "payment_method_not_available");

    private final PaymentRepo payments;
    private final PaymentOutcomes outcomes;
    private final CustomerActions actions;
    private final StripeGateway stripe;
    private final Clock clock;

    public PaymentAttempts(PaymentRepo payments, PaymentOutcomes outcomes, CustomerActions actions, StripeGateway stripe, Clock clock) {
        this.payments = payments;
        this.outcomes = outcomes;
        this.actions = actions;
        this.stripe = stripe;
        this.clock = clock;
    }

    /** {@code payment} was saved with attempt 1 on {@code methods.get(0)}. */
    public Payment run(Payment payment, List<StoredMethod> methods, String customerId) {
        Payment current = payment;
        String lastDecline = null;
        for (int i = 0; i < methods.size(); i++) {
            StoredMethod method = methods.get(i);
            if (i > 0) {
                Instant now = clock.instant();
                Payment next = current.change().method(method.id(), method.details().type(), i + 1).failure(lastDecline)
                        .lockedUntil(now.plus(ATTEMPT_LEASE)).at(now);
                if (!payments.save(next)) {
                    return unlock(reload(current));
                }
                current = next;
            }
            try {
                StripePaymentIntent intent = stripe.chargeOffSession(charge(current, customerId), idempotencyKey(current));
                return unlock(outcomes.apply(current, intent));
            } catch (StripeRejection declined) {
                boolean curable = curable(declined);
                LOG.info("Payment {} attempt {} declined ({} / {}){}", current.id(), current.attempt(), declined.stripeCode(),
                        declined.declineCode(), curable && i + 1 < methods.size() ? "; trying the next method" : "");
                lastDecline = declined.getMessage();
                if (!curable || i + 1 == methods.size()) {
                    // The last method wanting authentication waits for the customer (the panel and an email ask them).
                    return unlock(actions.declined(current, declined));
                }
            } catch (StripeUnavailable ambiguous) {
                LOG.warn("Payment {} attempt {}: Stripe's answer was lost; it stays processing for the janitor", current.id(), current.attempt());
                return unlock(reload(current));
            }
        }
        throw new IllegalArgumentException("No methods to try");
    }

    static boolean curable(StripeRejection declined) {
        return declined.stripeCode() != null && CURABLE.contains(declined.stripeCode())
                || declined.declineCode() != null && CURABLE.contains(declined.declineCode());
    }

    /** The request as first sent: the janitor replays exactly this to learn a lost answer. */
    public static OffSessionCharge charge(Payment payment, String customerId) {
        return new OffSessionCharge(customerId, payment.methodId(), payment.methodType(), payment.amount(), payment.currency(),
                Map.of(StripeGateway.ACCOUNT_METADATA, payment.accountId(), PAYMENT_METADATA, payment.id(),
                        ATTEMPT_METADATA, Integer.toString(payment.attempt())));
    }

    public static String idempotencyKey(Payment payment) {
        return "payment:" + payment.id() + ":attempt:" + payment.attempt();
    }

    private Payment reload(Payment payment) {
        return payments.find(payment.accountId(), payment.id()).orElseThrow();
    }

    /** Lets failure news through again: this request is done trying. */
    private Payment unlock(Payment payment) {
        if (payment.status().isTerminal() || payment.lockedUntil() == null) {
            return payment;
        }
        Payment unlocked = payment.change().lockedUntil(null).at(clock.instant());
        return payments.save(unlocked) ? unlocked : reload(payment);
    }
}
