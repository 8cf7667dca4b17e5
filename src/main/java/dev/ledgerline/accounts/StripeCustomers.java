package dev.ledgerline.accounts;

import dev.ledgerline.stripe.StripeGateway;
import jakarta.inject.Singleton;

/**
 * Each account gets one Stripe customer, created lazily. Two racing first requests send the same
 * idempotency key, so Stripe creates one customer; the conditional write then keeps exactly one id
 * on the account, and the loser uses the winner's.
 */
@Singleton
public class StripeCustomers {

    private final AccountRepo accounts;
    private final StripeGateway stripe;

    public StripeCustomers(AccountRepo accounts, StripeGateway stripe) {
        this.accounts = accounts;
        this.stripe = stripe;
    }

    public String customerIdFor(String accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        if (account.stripeCustomerId() != null) {
            return account.stripeCustomerId();
        }
        String created = stripe.createCustomer(accountId, account.name(), "customer-create:" + accountId);
        if (accounts.attachStripeCustomer(accountId, created)) {
            return created;
        }
        return accounts.find(accountId).map(Account::stripeCustomerId)
                .orElseThrow(() -> new IllegalStateException("Account " + accountId + " vanished"));
    }
}
