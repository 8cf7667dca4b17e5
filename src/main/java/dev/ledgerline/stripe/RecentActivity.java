package dev.ledgerline.stripe;

import java.util.List;

/** The PaymentIntents, refunds and disputes Stripe created in a time window (what reconciliation looks at). */
public record RecentActivity(List<StripePaymentIntent> paymentIntents, List<StripeRefund> refunds, List<StripeDispute> disputes) {
}
