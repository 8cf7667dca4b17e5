package dev.ledgerline.stripe;

import java.util.Map;

import io.micronaut.core.annotation.Nullable;

/**
 * A Stripe Refund: its id, status, amount in minor units, the charge and PaymentIntent it gives
 * money back from, and our metadata (how a refund made through our API is to be booked).
 */
public record StripeRefund(String id, @Nullable String status, long amount, @Nullable String currency, @Nullable String charge,
                           @Nullable String paymentIntent, Map<String, String> metadata) {

    public StripeRefund(String id, @Nullable String status, long amount, @Nullable String currency, @Nullable String charge,
                        @Nullable String paymentIntent) {
        this(id, status, amount, currency, charge, paymentIntent, Map.of());
    }
}
