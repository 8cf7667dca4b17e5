package dev.ledgerline.stripe;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The parts of a Stripe Charge this service reads. {@code refunds} is null when the charge did not
 * carry its complete list of refunds (absent, or more pages): ask {@link StripeGateway#listRefunds}.
 */
public record StripeCharge(String id, @Nullable String paymentIntent, @Nullable String customer, @Nullable String currency,
                           @Nullable List<StripeRefund> refunds) {
}
