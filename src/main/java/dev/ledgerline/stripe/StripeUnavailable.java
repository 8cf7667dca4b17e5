package dev.ledgerline.stripe;

import dev.ledgerline.web.ProblemException;
import io.micronaut.http.HttpStatus;

/**
 * Stripe could not be reached, timed out or failed (5xx): whether the request took effect is
 * unknown. Answered as a 502 where nothing depends on it; payments instead stay processing until
 * a webhook or the janitor learns the outcome.
 */
public class StripeUnavailable extends ProblemException {

    public StripeUnavailable() {
        super(HttpStatus.BAD_GATEWAY, "stripe_unavailable", "Payment provider unavailable",
                "Stripe could not be reached or failed; nothing was changed. Try again.");
    }
}
