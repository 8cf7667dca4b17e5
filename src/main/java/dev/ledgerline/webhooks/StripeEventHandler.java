package dev.ledgerline.webhooks;


import dev.ledgerline.stripe.StripeEvent;
import java.util.Set;

/**
 * One handler per Stripe event family (for example {@code SetupIntentEvents}). Handlers must be
 * idempotent and order-tolerant: the inbox stops repeated deliveries, but a failed event is
 * processed again on Stripe's retry.
 */
public interface StripeEventHandler {

    /** The event types this handler applies, e.g. {@code setup_intent.succeeded}. */
    Set<String> eventTypes();

    /** @return PROCESSED when it took effect (or had already), IGNORED when the event is not ours to apply */
    InboxStatus handle(StripeEvent event);
}
