package dev.ledgerline.stripe;

/**
 * Stripe itself answered with a server error (5xx with Stripe's error body), as opposed to not
 * answering at all. Stripe may have acted before failing, so the outcome is still unknown; but
 * Stripe saves the first result of an idempotency key, errors included, and answers every repeat
 * with the same key with it for 24 h, so repeating such a write tells nothing more.
 */
public class StripeServerError extends StripeUnavailable {

    private final int httpStatus;

    public StripeServerError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
