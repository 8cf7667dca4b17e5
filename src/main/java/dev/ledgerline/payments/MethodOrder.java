package dev.ledgerline.payments;

import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.Unprocessable;
import dev.ledgerline.paymentmethods.MethodStatus;
import dev.ledgerline.paymentmethods.PaymentMethodRepo;
import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.settings.SettingsRepo;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which saved methods a payment tries, in order: the one asked for, else the default, then the priority order. */
@Singleton
public class MethodOrder {

    private final PaymentMethodRepo methods;
    private final SettingsRepo settings;

    public MethodOrder(PaymentMethodRepo methods, SettingsRepo settings) {
        this.methods = methods;
        this.settings = settings;
    }

    /** Every active method, {@code preferred} (or the default) first. */
    public List<StoredMethod> forBalance(String accountId, @Nullable String preferred) {
        String first = preferred != null ? require(accountId, preferred).id() : settings.get(accountId).defaultPaymentMethodId();
        return activeFirst(methods.list(accountId), first);
    }

    /** Exactly {@code paymentMethodId}, which must be an active method of the account. */
    public StoredMethod require(String accountId, String paymentMethodId) {
        return usable(methods.find(accountId, paymentMethodId));
    }

    /**
     * The active methods in their stored (priority) order, with {@code first} moved to the front
     * when it is one of them; none active is a 422.
     */
    static List<StoredMethod> activeFirst(List<StoredMethod> stored, @Nullable String first) {
        List<StoredMethod> active = new ArrayList<>(stored.stream().filter(m -> m.status() == MethodStatus.ACTIVE).toList());
        active.stream().filter(m -> m.id().equals(first)).findFirst().ifPresent(m -> {
            active.remove(m);
            active.add(0, m);
        });
        if (active.isEmpty()) {
            throw noMethod();
        }
        return active;
    }

    /** A method that may be charged: stored, not removed (else 404), and active (else 422). */
    static StoredMethod usable(Optional<StoredMethod> found) {
        Optional<StoredMethod> method = found.filter(m -> m.status() != MethodStatus.REMOVED);
        if (method.isEmpty()) {
            throw new NotFound("No such payment method.");
        }
        if (method.get().status() != MethodStatus.ACTIVE) {
            throw new Unprocessable("payment_method_not_active",
                    "This payment method is " + method.get().status().value() + " and cannot be charged.");
        }
        return method.get();
    }

    private static Unprocessable noMethod() {
        return new Unprocessable("no_payment_method",
                "Add a payment method (and wait until it is active) before paying.");
    }
}
