package dev.ledgerline.paymentmethods;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.audit.Audits;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.settings.BillingPreferences;
import dev.ledgerline.settings.SettingsRepo;
import dev.ledgerline.store.Ids;
import dev.ledgerline.stripe.StripeGateway;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The account's default payment method, kept equal in our settings and on the Stripe customer
 * ({@code invoice_settings.default_payment_method}). Each push to Stripe is keyed by the settings
 * version it belongs to, so repeating a push (a retried webhook, a retried request) is harmless.
 */
@Singleton
public class DefaultMethod {

    /** Conditional writes retried this often when settings change underneath; then the caller fails and is retried. */
    private static final int ATTEMPTS = 5;

    private final SettingsRepo settings;
    private final PaymentMethodRepo methods;
    private final StripeCustomers customers;
    private final StripeGateway stripe;
    private final Audits audits;
    private final java.time.Clock clock;

    public DefaultMethod(SettingsRepo settings, PaymentMethodRepo methods, StripeCustomers customers, StripeGateway stripe,
                         Audits audits, java.time.Clock clock) {
        this.audits = audits;
        this.settings = settings;
        this.methods = methods;
        this.customers = customers;
        this.stripe = stripe;
        this.clock = clock;
    }

    /**
     * An active method becomes the default when there is none. While the default is one adopted
     * this way (not the user's choice), the method that became active first, by Stripe's time, is
     * the default: so activations processed out of order end where in-order ones would.
     */
    public void adopt(String accountId, String paymentMethodId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            BillingPreferences current = settings.get(accountId);
            if (paymentMethodId.equals(current.defaultPaymentMethodId())) {
                // Pushed again: a previous attempt may have stopped before reaching Stripe.
                push(accountId, current);
                return;
            }
            if (current.defaultPaymentMethodId() != null
                    && (current.defaultChosen() || !activatedEarlier(accountId, paymentMethodId, current.defaultPaymentMethodId()))) {
                return;
            }
            Optional<BillingPreferences> adopted = settings.setDefault(accountId, paymentMethodId, false, current, defaultChange(accountId, paymentMethodId), clock.instant());
            if (adopted.isPresent()) {
                push(accountId, adopted.get());
                return;
            }
        }
        throw new IllegalStateException("Settings of " + accountId + " kept changing; the event will be retried");
    }

    private boolean activatedEarlier(String accountId, String candidateId, String incumbentId) {
        Optional<StoredMethod> candidate = methods.find(accountId, candidateId);
        Optional<StoredMethod> incumbent = methods.find(accountId, incumbentId).filter(m -> m.status() == MethodStatus.ACTIVE);
        if (candidate.isEmpty() || incumbent.isEmpty()) {
            return incumbent.isEmpty();
        }
        long a = candidate.get().activatedAt();
        long b = incumbent.get().activatedAt();
        return a < b || (a == b && candidateId.compareTo(incumbentId) < 0);
    }

    /** The user's choice: only an active method of this account. Stripe first, so a failure changes nothing. */
    public BillingPreferences choose(String accountId, String paymentMethodId) {
        StoredMethod method = methods.find(accountId, paymentMethodId)
                .filter(m -> m.status() != MethodStatus.REMOVED)
                .orElseThrow(() -> new NotFound("No such payment method."));
        if (method.status() != MethodStatus.ACTIVE) {
            throw new Conflict("payment_method_not_active",
                    "Only an active payment method can be the default; this one is " + method.status().value() + ".");
        }
        BillingPreferences current = settings.get(accountId);
        if (paymentMethodId.equals(current.defaultPaymentMethodId())) {
            return current;
        }
        pushValue(accountId, paymentMethodId, current.version() + 1);
        Optional<BillingPreferences> chosen = settings.setDefault(accountId, paymentMethodId, true, current, defaultChange(accountId, paymentMethodId), clock.instant());
        if (chosen.isEmpty()) {
            // Another change won the settings write; our push may have reached Stripe after its push: put Stripe back.
            BillingPreferences now = settings.get(accountId);
            stripe.setCustomerDefaultPaymentMethod(customers.customerIdFor(accountId), now.defaultPaymentMethodId(),
                    pushKey(accountId, now.defaultPaymentMethodId(), now.version()) + ":restore:" + Ids.randomToken(9));
            throw new Conflict("settings_changed", "The billing settings changed at the same time; read them again and retry.");
        }
        return chosen.get();
    }

    /** After a method is removed: if it was the default, the next active method by priority takes over (or none). */
    public void replaceRemoved(String accountId, String removedId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            BillingPreferences current = settings.get(accountId);
            if (!removedId.equals(current.defaultPaymentMethodId())) {
                return;
            }
            String next = methods.list(accountId).stream()
                    .filter(m -> m.status() == MethodStatus.ACTIVE && !m.id().equals(removedId))
                    .map(StoredMethod::id)
                    .findFirst().orElse(null);
            Optional<BillingPreferences> replaced = settings.setDefault(accountId, next, false, current, defaultChange(accountId, next), clock.instant());
            if (replaced.isPresent()) {
                push(accountId, replaced.get());
                return;
            }
        }
        throw new IllegalStateException("Settings of " + accountId + " kept changing; the event will be retried");
    }

    private void push(String accountId, BillingPreferences preferences) {
        pushValue(accountId, preferences.defaultPaymentMethodId(), preferences.version());
    }

    private void pushValue(String accountId, @Nullable String paymentMethodId, long version) {
        stripe.setCustomerDefaultPaymentMethod(customers.customerIdFor(accountId), paymentMethodId, pushKey(accountId, paymentMethodId, version));
    }

    /**
     * A push is named by the settings version it makes and the method it sets: two pushes at one
     * version (two choices racing, or a retry after a lost settings write) are two requests to
     * Stripe, not one key reused with other parameters (which Stripe refuses).
     */
    private static String pushKey(String accountId, @Nullable String paymentMethodId, long version) {
        return "customer-default:" + accountId + ":v" + version + ":" + (paymentMethodId == null ? "none" : paymentMethodId);
    }

    private TableWrite defaultChange(String accountId, @Nullable String paymentMethodId) {
        return audits.change(accountId, "settings.default_method", paymentMethodId == null ? "none" : paymentMethodId, null, clock.instant());
    }
}
