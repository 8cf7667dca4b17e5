package dev.ledgerline.stripe;

import dev.ledgerline.errors.ProviderRefused;
import io.micronaut.core.annotation.Nullable;

/**
 * Stripe refused the request itself (4xx: invalid request, card error): retrying it unchanged
 * would fail again. Carries Stripe's user-facing message and codes; callers decide what it means.
 * A declined payment also names the PaymentIntent Stripe created for it. Where no payment path
 * handles it, the caller gets a 422 {@code stripe_refused} with Stripe's message.
 */
public class StripeRejection extends ProviderRefused {

    private final String stripeCode;
    private final String declineCode;
    private final String paymentIntentId;
    private final int httpStatus;

    public StripeRejection(String message, String stripeCode, int httpStatus) {
        this(message, stripeCode, null, null, httpStatus);
    }

    public StripeRejection(String message, @Nullable String stripeCode, @Nullable String declineCode,
                           @Nullable String paymentIntentId, int httpStatus) {
        super("stripe_refused", message);
        this.stripeCode = stripeCode;
        this.declineCode = declineCode;
        this.paymentIntentId = paymentIntentId;
        this.httpStatus = httpStatus;
    }

    @Nullable
    public String stripeCode() {
        return stripeCode;
    }

    @Nullable
    public String declineCode() {
        return declineCode;
    }

    @Nullable
    public String paymentIntentId() {
        return paymentIntentId;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
