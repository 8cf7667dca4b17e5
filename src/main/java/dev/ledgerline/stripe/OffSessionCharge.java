package dev.ledgerline.stripe;

import java.util.Map;

/** What {@link StripeGateway#chargeOffSession} sends; built from our payment record, so a replay sends the same. */
public record OffSessionCharge(
        String customerId,
        String paymentMethodId,
        String paymentMethodType,
        long amount,
        String currency,
        Map<String, String> metadata) {
}
