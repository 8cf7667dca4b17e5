package dev.ledgerline.webhooks;

import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.IntentUpdates;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripePaymentIntent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * payment_intent.*: re-fetches the intent from Stripe and applies its status now to the payment
 * named in its metadata, through {@link IntentUpdates} (one conditional transaction, so a repeat or a late event changes
 * nothing). A failure of an earlier attempt (the payment has moved on to the next method) is
 * ignored; failure news for a payment whose request is still trying methods waits (503, Stripe
 * delivers again). Intents without our metadata (say, a subscription's invoice) are not ours.
 */
@Singleton
public class PaymentIntentEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentIntentEvents.class);

    private final PaymentRepo payments;
    private final IntentUpdates updates;
    private final StripeGateway stripe;
    private final Clock clock;

    public PaymentIntentEvents(PaymentRepo payments, IntentUpdates updates, StripeGateway stripe, Clock clock) {
        this.payments = payments;
        this.updates = updates;
        this.stripe = stripe;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("payment_intent.succeeded", "payment_intent.processing", "payment_intent.payment_failed",
                "payment_intent.canceled", "payment_intent.requires_action");
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        // The event says that the intent changed; Stripe says what it is now (a late failure event
        // after the success, or one whose intent has since succeeded, applies what is true now).
        StripePaymentIntent intent = stripe.retrievePaymentIntent(event.object(StripePaymentIntent.class).id());
        Optional<Payment> found = payments.findFor(intent);
        if (found.isEmpty()) {
            LOG.info("Ignoring {} {}: PaymentIntent {} is not one of our payments", event.type(), event.id(), intent.id());
            return InboxStatus.IGNORED;
        }
        Payment payment = found.get();
        if (!IntentUpdates.concerns(payment, intent)) {
            return InboxStatus.IGNORED;
        }
        if (!IntentUpdates.collects(intent) && payment.lockedAt(clock.instant())) {
            throw new EventNotReadyException("payment " + payment.id() + " is still trying its methods");
        }
        updates.apply(payment, intent);
        return InboxStatus.PROCESSED;
    }

}
