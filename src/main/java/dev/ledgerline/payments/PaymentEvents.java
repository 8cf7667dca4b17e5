package dev.ledgerline.payments;

import dev.ledgerline.events.EventType;
import dev.ledgerline.events.NewEvent;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** The events a payment's change reports to the host: one per status it enters, and a failed autopay. */
final class PaymentEvents {

    private PaymentEvents() {
    }

    /** What a change from {@code before} (null: a new payment) to {@code after} reports; nothing when the status stayed. */
    static List<NewEvent> of(@Nullable Payment before, Payment after) {
        List<NewEvent> events = new ArrayList<>();
        if (before != null && before.status() == after.status()) {
            return events;
        }
        dev.ledgerline.api.model.Payment snapshot = PaymentMapping.toApi(after);
        events.add(new NewEvent(switch (after.status()) {
            case PROCESSING -> EventType.PAYMENT_PROCESSING;
            case REQUIRES_ACTION -> EventType.PAYMENT_REQUIRES_ACTION;
            case SUCCEEDED -> EventType.PAYMENT_SUCCEEDED;
            case FAILED -> EventType.PAYMENT_FAILED;
            case CANCELED -> EventType.PAYMENT_CANCELED;
        }, snapshot));
        if (after.kind() == PaymentKind.AUTOPAY && after.status() == PaymentStatus.FAILED) {
            events.add(new NewEvent(EventType.AUTOPAY_FAILED, snapshot));
        }
        return events;
    }
}
