package dev.ledgerline.settings;

import io.micronaut.core.annotation.Nullable;

/**
 * An account's billing settings. {@code version} counts changes; it makes each push of the default
 * to Stripe its own idempotent request (A, then B, then A again are three different requests).
 * {@code defaultChosen} tells a default the user picked from one adopted automatically.
 */
public record BillingPreferences(boolean autopayEnabled, @Nullable String defaultPaymentMethodId, boolean defaultChosen, long version) {

    public static final BillingPreferences INITIAL = new BillingPreferences(false, null, false, 0);
}
