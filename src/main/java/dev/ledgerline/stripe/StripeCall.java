package dev.ledgerline.stripe;

import com.stripe.exception.StripeException;

/** A Stripe SDK call, for {@link StripeGateway}'s single place of error translation. */
@FunctionalInterface
interface StripeCall<T> {
    T call() throws StripeException;
}
