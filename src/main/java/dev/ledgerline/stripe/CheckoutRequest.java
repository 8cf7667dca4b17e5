package dev.ledgerline.stripe;

import java.util.Map;

/** A one-line Checkout Session in payment mode, for {@link StripeGateway#createCheckoutSession}. */
public record CheckoutRequest(
        String accountId,
        String customerId,
        long amount,
        String currency,
        String description,
        String successUrl,
        String cancelUrl,
        Map<String, String> metadata) {
}
