package dev.ledgerline.payments.checkout;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentAttempts;
import dev.ledgerline.payments.PaymentKind;
import dev.ledgerline.payments.PaymentStarter;
import dev.ledgerline.store.Ids;
import dev.ledgerline.stripe.CheckoutRequest;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeCheckoutSession;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Pays through a Stripe-hosted Checkout page. The payment waits in {@code requires_action} (the
 * customer has to act) without reserving anything: an abandoned page must not hold {@code due}
 * back. It reserves only once Stripe reports the money in flight (an async method), and settles
 * on completion; the janitor cancels it when the session expires.
 */
@Singleton
public class CheckoutPayments {

    private final LedgerService ledger;
    private final PaymentStarter starter;
    private final StripeCustomers customers;
    private final StripeGateway stripe;
    private final StripeSettings settings;

    public CheckoutPayments(LedgerService ledger, PaymentStarter starter, StripeCustomers customers, StripeGateway stripe,
                            StripeSettings settings) {
        this.ledger = ledger;
        this.starter = starter;
        this.customers = customers;
        this.stripe = stripe;
        this.settings = settings;
    }

    public StripeCheckoutSession start(String accountId, @Nullable Long requestedAmount, @Nullable String currency) {
        ledger.requireCurrency(currency);
        long amount = requestedAmount != null ? requestedAmount
                : Payment.payableInOne(ledger.balance(accountId).due(), "name an amount to pay part of it.");
        if (amount <= 0) {
            throw new Conflict("nothing_due", "Nothing is due; name an amount to pay in advance.");
        }
        Payment.chargeable(amount, ledger.currency());
        String customerId = customers.customerIdFor(accountId);
        return starter.awaitCustomer(Payment.draft(Ids.newId("pay"), accountId, PaymentKind.CHECKOUT, amount, ledger.currency()),
                payment -> stripe.createCheckoutSession(new CheckoutRequest(accountId, customerId, amount, payment.currency(),
                        "Account balance", settings.successUrl(), settings.cancelUrl(),
                        Map.of(StripeGateway.ACCOUNT_METADATA, accountId, PaymentAttempts.PAYMENT_METADATA, payment.id())),
                        "checkout:" + payment.id()));
    }
}
