package dev.ledgerline.webhooks;

import dev.ledgerline.stripe.StripeEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one map from event type to handler. Types nobody handles are recorded as ignored. */
@Singleton
public class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final Map<String, StripeEventHandler> byType = new HashMap<>();

    public EventDispatcher(List<StripeEventHandler> handlers) {
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
        StripeEventHandler handler = byType.get(event.type());
        if (handler == null) {
            LOG.info("Ignoring Stripe event {} of unhandled type {}", event.id(), event.type());
            return InboxStatus.IGNORED;
        }
        return handler.handle(event);
    }
}
