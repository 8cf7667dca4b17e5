package dev.ledgerline.paymentmethods;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.config.StripeFeatures;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.Unprocessable;
import dev.ledgerline.store.Hashes;
import dev.ledgerline.store.Ids;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRejection;
import dev.ledgerline.stripe.StripeSetupIntent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Saving a card or bank account starts with a SetupIntent the browser confirms with Stripe.js;
 * each is recorded for the account, so only its own intents can be verified by it.
 */
@Singleton
public class SetupIntents {

    private final PaymentMethodRepo methods;
    private final StripeCustomers customers;
    private final StripeGateway stripe;
    private final MethodLifecycle lifecycle;
    private final StripeFeatures features;
    private final SetupIntentLimit limit;
    private final Clock clock;

    public SetupIntents(PaymentMethodRepo methods, StripeCustomers customers, StripeGateway stripe, MethodLifecycle lifecycle,
                        StripeFeatures features, SetupIntentLimit limit, Clock clock) {
        this.limit = limit;
        this.methods = methods;
        this.customers = customers;
        this.stripe = stripe;
        this.lifecycle = lifecycle;
        this.features = features;
        this.clock = clock;
    }

    public StripeSetupIntent startCardSetup(String accountId) {
        limit.take(accountId);
        String customer = customers.customerIdFor(accountId);
        StripeSetupIntent intent = stripe.createCardSetupIntent(customer, accountId, setupKey(accountId));
        methods.recordSetupIntent(accountId, intent.id(), "card", clock.instant());
        return intent;
    }

    public StripeSetupIntent startUsBankSetup(String accountId) {
        features.usBankAccount().require();
        limit.take(accountId);
        String customer = customers.customerIdFor(accountId);
        StripeSetupIntent intent = stripe.createUsBankSetupIntent(customer, accountId, setupKey(accountId));
        methods.recordSetupIntent(accountId, intent.id(), "us_bank_account", clock.instant());
        return intent;
    }

    /**
     * Verifies microdeposits of a setup intent this account created. Stripe's refusal (wrong
     * amounts, too many attempts) is passed on as a 422 with Stripe's message, and nothing changes.
     */
    public StripeSetupIntent verifyMicrodeposits(String accountId, String setupIntentId, @Nullable List<Long> amounts,
                                           @Nullable String descriptorCode) {
        features.usBankAccount().require();
        boolean hasAmounts = amounts != null && !amounts.isEmpty();
        if (hasAmounts == (descriptorCode != null)) {
            throw new Unprocessable("verification_input", "Give either the two deposit amounts or the descriptor code, not both.");
        }
        if (!methods.ownsSetupIntent(accountId, setupIntentId)) {
            throw new NotFound("No such setup intent.");
        }
        String attempt = hasAmounts ? "amounts:" + amounts : "code:" + descriptorCode;
        StripeSetupIntent intent;
        try {
            intent = stripe.verifyMicrodeposits(setupIntentId, hasAmounts ? amounts : null, descriptorCode,
                    "verify-microdeposits:" + setupIntentId + ":" + Hashes.sha256Hex(attempt));
        } catch (StripeRejection e) {
            throw new Unprocessable("microdeposit_verification_failed", e.getMessage());
        }
        // Stripe also sends setup_intent.succeeded; applying the answer now makes the method usable at once.
        if ("succeeded".equals(intent.status()) && intent.paymentMethod() != null) {
            lifecycle.moveTo(accountId, intent.paymentMethod(), MethodStatus.ACTIVE,
                    new MethodLifecycle.SetupNews(clock.instant().getEpochSecond(), intent.created()));
        }
        return intent;
    }

    /** A setup as Stripe reports it now, and the method it concerns (null when it names none yet). */
    public record Refreshed(StripeSetupIntent intent, @Nullable String paymentMethodId) {
    }

    /**
     * The setup the browser says Stripe.js confirmed, as Stripe reports it (the browser's copy is
     * not trusted), applied like the setup_intent.* webhook: whichever comes first stores the
     * method, once ({@link MethodLifecycle} is safe in any order and twice).
     */
    public Refreshed refresh(String accountId, String setupIntentId) {
        if (!methods.ownsSetupIntent(accountId, setupIntentId)) {
            throw new NotFound("No such setup intent.");
        }
        StripeSetupIntent intent = stripe.retrieveSetupIntent(setupIntentId);
        String status = intent.status() == null ? "" : intent.status();
        MethodStatus target = null;
        String paymentMethod = intent.paymentMethod();
        if (status.equals("succeeded")) {
            target = MethodStatus.ACTIVE;
        } else if (status.equals("requires_action") && "verify_with_microdeposits".equals(intent.nextActionType())) {
            target = MethodStatus.PENDING_VERIFICATION;
        } else if (status.equals("requires_payment_method") && intent.failedPaymentMethod() != null) {
            target = MethodStatus.FAILED;
            paymentMethod = intent.failedPaymentMethod();
        }
        if (target == null || paymentMethod == null) {
            return new Refreshed(intent, null);
        }
        lifecycle.moveTo(accountId, paymentMethod, target, new MethodLifecycle.SetupNews(clock.instant().getEpochSecond(), intent.created()));
        return new Refreshed(intent, paymentMethod);
    }

    private static String setupKey(String accountId) {
        return "setup-intent:" + accountId + ":" + Ids.randomToken(12);
    }
}
