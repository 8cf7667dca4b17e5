package dev.ledgerline.client.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.Settings;

/**
 * An event's {@code data.object} as the generated model its type names: a LedgerEntry
 * ({@code charge.*}, {@code credit.*}, {@code refund.*}, {@code dispute.*}), a Payment
 * ({@code payment.*}, {@code autopay.failed}), a PaymentMethod ({@code payment_method.added},
 * {@code payment_method.removed}) or Settings ({@code payment_method.default_changed}).
 */
public final class WebhookObjects {

    private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

    private WebhookObjects() {
    }

    /** The model class of {@code data.object} for events of this type. */
    public static Class<?> objectType(EventType type) {
        String value = type.getValue();
        if (value.startsWith("charge.") || value.startsWith("credit.") || value.startsWith("refund.") || value.startsWith("dispute.")) {
            return LedgerEntry.class;
        }
        if (value.startsWith("payment.") || value.equals("autopay.failed")) {
            return Payment.class;
        }
        if (value.equals("payment_method.default_changed")) {
            return Settings.class;
        }
        if (value.startsWith("payment_method.")) {
            return PaymentMethod.class;
        }
        throw new IllegalArgumentException("No model known for events of type " + value);
    }

    /** {@code data.object} as the model of the event's type (see {@link #objectType}). */
    public static Object object(Event event) {
        return MAPPER.convertValue(event.getData().getObject(), objectType(event.getType()));
    }

    /** {@code data.object} as {@code type}; refused when the event's type carries another model. */
    public static <T> T object(Event event, Class<T> type) {
        Class<?> actual = objectType(event.getType());
        if (!actual.equals(type)) {
            throw new IllegalArgumentException(event.getType().getValue() + " carries a " + actual.getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(MAPPER.convertValue(event.getData().getObject(), type));
    }

    public static LedgerEntry ledgerEntry(Event event) {
        return object(event, LedgerEntry.class);
    }

    public static Payment payment(Event event) {
        return object(event, Payment.class);
    }

    public static PaymentMethod paymentMethod(Event event) {
        return object(event, PaymentMethod.class);
    }

    public static Settings settings(Event event) {
        return object(event, Settings.class);
    }
}
