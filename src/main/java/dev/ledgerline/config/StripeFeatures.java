package dev.ledgerline.config;

import dev.ledgerline.errors.Unprocessable;
import io.micronaut.core.annotation.Nullable;

/**
 * What the Stripe this deployment talks to can do. Real Stripe (and stripe-mock) can do all of it;
 * localstripe, the run command's offline Stripe, has no Checkout and its fake Stripe.js collects
 * cards only ({@code STRIPE_EMULATOR=localstripe}). The panel greys out what is not available,
 * and the endpoints refuse it with a 422 rather than a 502 from a Stripe that cannot answer.
 */
public record StripeFeatures(Feature checkout, Feature usBankAccount) {

    /** How to get what is missing, shared by every reason. */
    static final String HOW_TO_GET_IT = "To try it, run with Stripe test-mode keys (STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY,"
            + " STRIPE_WEBHOOK_SECRET; docs/deployment.md, \"Stripe test mode\").";

    public static StripeFeatures all() {
        return new StripeFeatures(Feature.AVAILABLE, Feature.AVAILABLE);
    }

    public static StripeFeatures of(StripeEmulator emulator) {
        return switch (emulator) {
            case NONE -> all();
            case LOCALSTRIPE -> new StripeFeatures(
                    Feature.unavailable("checkout_unavailable",
                            "Checkout is not available here: localstripe, the offline Stripe of the run command, has no Checkout. "
                                    + HOW_TO_GET_IT),
                    Feature.unavailable("bank_accounts_unavailable",
                            "Bank accounts are not available here: localstripe's offline Stripe.js collects cards only. "
                                    + HOW_TO_GET_IT));
        };
    }

    /** One feature: available, or not with the problem code and the reason its endpoints answer. */
    public record Feature(boolean available, @Nullable String code, @Nullable String reason) {

        static final Feature AVAILABLE = new Feature(true, null, null);

        static Feature unavailable(String code, String reason) {
            return new Feature(false, code, reason);
        }

        /** Refuses the request, with the reason, when the feature is not available. */
        public void require() {
            if (!available) {
                throw new Unprocessable(code, reason);
            }
        }
    }
}
