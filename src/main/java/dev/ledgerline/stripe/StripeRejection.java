package dev.ledgerline.stripe;

/**
 * Stripe refused the request itself (4xx: invalid request, card error): retrying it unchanged
 * would fail again. Carries Stripe's user-facing message and code; callers decide what it means.
 */
public class StripeRejection extends RuntimeException {

    private final String stripeCode;
    private final int httpStatus;

    public StripeRejection(String message, String stripeCode, int httpStatus) {
        super(message, null, false, false);
        this.stripeCode = stripeCode;
        this.httpStatus = httpStatus;
    }

    public String stripeCode() {
        return stripeCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
