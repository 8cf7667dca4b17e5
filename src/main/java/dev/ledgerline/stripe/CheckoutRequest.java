package dev.ledgerline.stripe;

import java.util.Map;

/** A one-line Checkout Session in payment mode, for {@link StripeGateway#createCheckoutSession} (which adds the return URLs). */
public record CheckoutRequest(
        String accountId,
        String customerId,
        long amount,
        String currency,
        String description,
        long expiresAtEpochSecond,
        Map<String, String> metadata) {
}
