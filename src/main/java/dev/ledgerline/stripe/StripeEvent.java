package dev.ledgerline.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;

/** A verified Stripe event. Its object is read only when a handler asks for it. */
public final class StripeEvent {

    private final Event event;

    StripeEvent(Event event) {
        this.event = event;
    }

    public String id() {
        return event.getId();
    }

    public String type() {
        return event.getType();
    }

    /** The event as JSON, as the inbox keeps it. */
    public String json() {
        return event.toJson();
    }

    /** Whether the event happened in live mode (false: test mode). */
    public boolean livemode() {
        return Boolean.TRUE.equals(event.getLivemode());
    }

    /** The connected account the event happened on (Stripe Connect), or null for the platform's own account. */
    @Nullable
    public String connectedAccount() {
        return event.getAccount();
    }

    /** When Stripe created the event, in epoch seconds (0 if it does not say). */
    public long created() {
        return event.getCreated() == null ? 0 : event.getCreated();
    }

    /**
     * The event's object as one of this package's records (for example {@link StripePaymentIntent}).
     * Events sent with another API version than this SDK's are still read (the fields used here
     * are stable across versions).
     *
     * @throws IllegalArgumentException when the object cannot be read or is of another kind
     */
    public <T> T object(Class<T> type) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        StripeObject object = data.getObject().orElseGet(() -> {
            try {
                return data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                throw new IllegalArgumentException("Event " + id() + " has an unreadable object", e);
            }
        });
        Object ours = StripeMapping.of(object);
        if (!type.isInstance(ours)) {
            throw new IllegalArgumentException("Event " + id() + " of type " + type()
                    + " carries a " + object.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(ours);
    }

    /** A field's value before the change the event reports, e.g. the customer a method was detached from. */
    public Optional<String> previous(String field) {
        Map<String, Object> previous = event.getData() == null ? null : event.getData().getPreviousAttributes();
        Object value = previous == null ? null : previous.get(field);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
