package dev.ledgerline.stripe;

import dev.ledgerline.errors.ProviderUnavailable;

/**
 * Stripe could not be reached, timed out or failed (5xx; {@link StripeServerError} when Stripe
 * itself answered so): whether the request took effect is unknown. Answered as a 502 where nothing depends on it; payments instead stay processing until
 * a webhook or the janitor learns the outcome.
 */
public class StripeUnavailable extends ProviderUnavailable {

    public StripeUnavailable() {
        super("stripe_unavailable", "Stripe could not be reached or failed; nothing was changed. Try again.");
    }
}
