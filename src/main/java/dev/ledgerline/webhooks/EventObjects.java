package dev.ledgerline.webhooks;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;

import java.util.Map;
import java.util.Optional;

/** Reading an event's {@code data}. */
final class EventObjects {

    private EventObjects() {
    }

    /**
     * The event's object. Events sent with another API version than this SDK's are still read
     * (the fields used here are stable across versions).
     */
    static <T extends StripeObject> T object(Event event, Class<T> type) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        StripeObject object = data.getObject().orElseGet(() -> {
            try {
                return data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw new IllegalArgumentException("Event " + event.getId() + " has an unreadable object", e);
            }
        });
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException("Event " + event.getId() + " of type " + event.getType()
                    + " carries a " + object.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(object);
    }

    /** A field's value before the change the event reports, e.g. the customer a method was detached from. */
    static Optional<String> previous(Event event, String field) {
        Map<String, Object> previous = event.getData() == null ? null : event.getData().getPreviousAttributes();
        Object value = previous == null ? null : previous.get(field);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static long created(Event event) {
        return event.getCreated() == null ? 0 : event.getCreated();
    }
}
