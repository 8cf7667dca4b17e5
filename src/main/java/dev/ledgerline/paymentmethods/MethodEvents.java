package dev.ledgerline.paymentmethods;

import dev.ledgerline.api.model.PaymentMethod;
import dev.ledgerline.api.model.PaymentMethodStatus;
import dev.ledgerline.api.model.PaymentMethodType;
import dev.ledgerline.events.EventType;
import dev.ledgerline.events.NewEvent;
import dev.ledgerline.settings.SettingsRepo;
import jakarta.inject.Singleton;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a method's change reports to the host: added when it becomes usable (active),
 * removed when it is taken off the account. The snapshot is the method as the listing shows it
 * right after the change (its priority among the others, whether it is the default).
 */
@Singleton
class MethodEvents {

    private final PaymentMethodRepo methods;
    private final SettingsRepo settings;

    MethodEvents(PaymentMethodRepo methods, SettingsRepo settings) {
        this.methods = methods;
        this.settings = settings;
    }

    /** What moving to {@code after}'s status reports; nothing for statuses the host is not told of. */
    List<NewEvent> of(String accountId, StoredMethod after) {
        return switch (after.status()) {
            case ACTIVE -> List.of(new NewEvent(EventType.PAYMENT_METHOD_ADDED, snapshot(accountId, after)));
            case PENDING_VERIFICATION -> List.of(new NewEvent(EventType.PAYMENT_METHOD_VERIFICATION_REQUIRED, snapshot(accountId, after)));
            case REMOVED -> List.of(new NewEvent(EventType.PAYMENT_METHOD_REMOVED, snapshot(accountId, after)));
            default -> List.of();
        };
    }

    private PaymentMethod snapshot(String accountId, StoredMethod after) {
        List<StoredMethod> listed = new ArrayList<>(methods.list(accountId).stream().filter(m -> !m.id().equals(after.id())).toList());
        listed.add(after);
        listed.sort(PaymentMethodRepo.FALLBACK_ORDER);
        boolean isDefault = after.status() == MethodStatus.ACTIVE && after.id().equals(settings.get(accountId).defaultPaymentMethodId());
        return toApi(after, listed.indexOf(after) + 1, isDefault);
    }

    static PaymentMethod toApi(StoredMethod m, int priority, boolean isDefault) {
        MethodDetails d = m.details();
        return new PaymentMethod(m.id(), PaymentMethodType.fromValue(d.type()), PaymentMethodStatus.fromValue(m.status().value()),
                priority, isDefault, m.createdAt().atZone(ZoneOffset.UTC))
                .brand(d.brand()).last4(d.last4()).expMonth(d.expMonth()).expYear(d.expYear()).bankName(d.bankName());
    }
}
