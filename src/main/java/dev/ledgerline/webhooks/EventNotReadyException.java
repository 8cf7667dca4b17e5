package dev.ledgerline.webhooks;

/**
 * The event refers to something we have not stored yet (Stripe does not order deliveries). The
 * event is marked failed and answered 503, so Stripe delivers it again later, when it applies.
 */
public class EventNotReadyException extends RuntimeException {

    public EventNotReadyException(String message) {
        super(message, null, false, false);
    }
}
