package dev.ledgerline.webhooks;

import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.stripe.StripeEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one map from event type to handler. Types nobody handles are recorded as ignored, and so are
 * events of another mode (a live event reaching a test-mode deployment, or the reverse) and events
 * of a connected account (Stripe Connect): neither reports objects of this deployment.
 */
@Singleton
public class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final Map<String, StripeEventHandler> byType = new HashMap<>();
    private final boolean liveMode;

    public EventDispatcher(List<StripeEventHandler> handlers, StripeSettings stripe) {
        this.liveMode = stripe.liveMode();
        for (StripeEventHandler handler : handlers) {
            for (String type : handler.eventTypes()) {
                StripeEventHandler previous = byType.put(type, handler);
                if (previous != null) {
                    throw new IllegalStateException("Two handlers for " + type + ": " + previous + " and " + handler);
                }
            }
        }
    }

    /** @return PROCESSED when a handler applied it, IGNORED when no handler takes this type */
    public InboxStatus dispatch(StripeEvent event) {
        if (event.livemode() != liveMode || event.connectedAccount() != null) {
            LOG.warn("Ignoring Stripe event {} ({}): {}", event.id(), event.type(), event.connectedAccount() != null
                    ? "it happened on a connected account" : (event.livemode() ? "a live-mode event; this deployment runs in test mode"
                    : "a test-mode event; this deployment runs in live mode"));
            return InboxStatus.IGNORED;
        }
        StripeEventHandler handler = byType.get(event.type());
        if (handler == null) {
            LOG.info("Ignoring Stripe event {} of unhandled type {}", event.id(), event.type());
            return InboxStatus.IGNORED;
        }
        return handler.handle(event);
    }
}
