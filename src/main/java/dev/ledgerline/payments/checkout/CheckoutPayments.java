package dev.ledgerline.payments.checkout;

import dev.ledgerline.config.StripeFeatures;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.Balance;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentAttempts;
import dev.ledgerline.payments.PaymentKind;
import dev.ledgerline.payments.PaymentOutcomes;
import dev.ledgerline.payments.PaymentStarter;
import dev.ledgerline.store.Ids;
import dev.ledgerline.stripe.CheckoutRequest;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeCheckoutSession;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Pays through a Stripe-hosted Checkout page. The payment waits in {@code requires_action} (the
 * customer has to act) with its amount reserved, so autopay or pay-balance cannot collect the same
 * due as well; the page expires after {@link #PAGE_LIFETIME}, and the janitor then cancels the
 * payment and releases the amount. It settles on completion (or, with an async method, when the
 * money arrives).
 */
@Singleton
public class CheckoutPayments {

    /**
     * How long a Checkout page stays open (Stripe's shortest: 30 minutes). Its amount is reserved
     * meanwhile, so an abandoned page holds {@code due} back for this long (and until the janitor
     * sees it expired), not for Stripe's default of 24 hours.
     */
    public static final Duration PAGE_LIFETIME = Duration.ofMinutes(31);

    private final LedgerService ledger;
    private final PaymentStarter starter;
    private final PaymentOutcomes outcomes;
    private final StripeGateway stripe;
    private final StripeFeatures features;
    private final Clock clock;

    public CheckoutPayments(LedgerService ledger, PaymentStarter starter, PaymentOutcomes outcomes, StripeGateway stripe,
                            StripeFeatures features, Clock clock) {
        this.ledger = ledger;
        this.starter = starter;
        this.outcomes = outcomes;
        this.stripe = stripe;
        this.features = features;
        this.clock = clock;
    }

    public StripeCheckoutSession start(String accountId, @Nullable Long requestedAmount, @Nullable String currency) {
        // Before anything is reserved: where Stripe has no Checkout there is no page to wait for.
        features.checkout().require();
        ledger.requireCurrency(currency);
        Balance balance = ledger.balance(accountId);
        long amount = requestedAmount != null ? requestedAmount
                : Payment.payableInOne(balance.due(), "name an amount to pay part of it.");
        if (amount <= 0) {
            throw new Conflict("nothing_due", "Nothing is due; name an amount to pay in advance.");
        }
        Payment.requireChargeable(amount, ledger.currency());
        long expiresAt = clock.instant().plus(PAGE_LIFETIME).getEpochSecond();
        return starter.awaitCustomer(Payment.draft(Ids.newId("pay"), accountId, PaymentKind.CHECKOUT, amount, ledger.currency()),
                posting -> posting.requireVersion(balance.version()),
                (payment, customerId) -> openPage(payment, customerId, expiresAt));
    }

    private StripeCheckoutSession openPage(Payment payment, String customerId, long expiresAt) {
        try {
            return stripe.createCheckoutSession(new CheckoutRequest(payment.accountId(), customerId, payment.amount(), payment.currency(),
                    "Account balance", expiresAt,
                    Map.of(StripeGateway.ACCOUNT_METADATA, payment.accountId(), PaymentAttempts.PAYMENT_METADATA, payment.id())),
                    "checkout:" + payment.id());
        } catch (RuntimeException notOpened) {
            // The customer never got a page to pay on: release the amount now rather than at the janitor's next look.
            outcomes.cancel(payment, "The Checkout page could not be opened.", null);
            throw notOpened;
        }
    }
}
