package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * The parts of a Stripe PaymentIntent this service reads. {@code metadata} is never null;
 * {@code amountReceived} is what Stripe actually collected (0 until it succeeds; Stripe always
 * reports it, localstripe does not). {@code clientSecret}: for Stripe.js to let the customer
 * authenticate the payment in the panel. {@code lastErrorCode}: why the last confirmation failed
 * ({@code authentication_required}: the bank wants the customer, the intent can still be confirmed).
 */
public record StripePaymentIntent(String id, @Nullable String status, @Nullable Long amount, @Nullable String currency,
                                  Map<String, String> metadata, @Nullable String lastErrorMessage, @Nullable Long amountReceived,
                                  @Nullable String clientSecret, @Nullable String lastErrorCode) {

    /** Without the client secret: it is the customer's browser's, and must not reach a log. */
    @Override
    public String toString() {
        return "StripePaymentIntent[id=" + id + ", status=" + status + ", amount=" + amount + ", currency=" + currency
                + (lastErrorCode == null ? "" : ", lastErrorCode=" + lastErrorCode) + "]";
    }
}
