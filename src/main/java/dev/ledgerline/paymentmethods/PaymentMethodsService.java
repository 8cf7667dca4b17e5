package dev.ledgerline.paymentmethods;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.audit.Audits;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.ProviderUnavailable;
import dev.ledgerline.errors.Unprocessable;
import dev.ledgerline.settings.BillingPreferences;
import dev.ledgerline.settings.SettingsRepo;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRejection;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Listing, ordering, choosing the default and removing the signed-in account's payment methods. */
@Singleton
public class PaymentMethodsService {

    private final PaymentMethodRepo methods;
    private final SettingsRepo settings;
    private final StripeCustomers customers;
    private final StripeGateway stripe;
    private final MethodLifecycle lifecycle;
    private final DefaultMethod defaults;
    private final Audits audits;
    private final Clock clock;

    public PaymentMethodsService(PaymentMethodRepo methods, SettingsRepo settings, StripeCustomers customers,
                                 StripeGateway stripe, MethodLifecycle lifecycle, DefaultMethod defaults, Audits audits, Clock clock) {
        this.audits = audits;
        this.clock = clock;
        this.methods = methods;
        this.settings = settings;
        this.customers = customers;
        this.stripe = stripe;
        this.lifecycle = lifecycle;
        this.defaults = defaults;
    }

    public record Listing(List<StoredMethod> methods, @Nullable String defaultId) {
    }

    public Listing list(String accountId) {
        return new Listing(methods.list(accountId), settings.get(accountId).defaultPaymentMethodId());
    }

    /** The full list of the account's methods, in the new order; anything else is a 422 and changes nothing. */
    public Listing reorder(String accountId, List<String> orderedIds) {
        List<String> current = methods.list(accountId).stream().map(StoredMethod::id).toList();
        if (orderedIds.size() != current.size() || !new HashSet<>(orderedIds).equals(new HashSet<>(current))) {
            throw new Unprocessable("priority_list_mismatch",
                    "The list must contain every payment method of the account exactly once.");
        }
        if (!methods.reorder(accountId, orderedIds, audits.change(accountId, "payment_methods.reorder", String.join(",", orderedIds),
                null, clock.instant()))) {
            throw new Conflict("payment_methods_changed",
                    "The payment methods changed at the same time; list them again and retry.");
        }
        return list(accountId);
    }

    public BillingPreferences makeDefault(String accountId, String paymentMethodId) {
        return defaults.choose(accountId, paymentMethodId);
    }

    /** Detaches in Stripe first, so a Stripe failure leaves everything as it was. */
    public void remove(String accountId, String paymentMethodId) {
        StoredMethod method = methods.find(accountId, paymentMethodId)
                .filter(m -> m.status() != MethodStatus.REMOVED)
                .orElseThrow(() -> new NotFound("No such payment method."));
        try {
            stripe.detachPaymentMethod(method.id(), "detach:" + method.id());
        } catch (StripeRejection notAttached) {
            // A method whose setup never completed was never attached to the customer; there is
            // nothing to detach. Anything still attached is a real failure.
            if (Objects.equals(customers.customerIdFor(accountId), stripe.retrievePaymentMethod(method.id()).customer())) {
                throw new ProviderUnavailable("stripe_detach_failed",
                        notAttached.getMessage());
            }
        }
        lifecycle.remove(accountId, paymentMethodId, method.details().type());
    }

}
