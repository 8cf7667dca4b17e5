package dev.ledgerline.config;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/** {@code STRIPE_EMULATOR}: which stand-in for Stripe {@code STRIPE_API_BASE} points at, when one lacks features. */
public enum StripeEmulator {
    /** Stripe itself, or an emulator that answers every call the service makes (stripe-mock). */
    NONE,
    /** localstripe: stateful, but without Checkout, and its Stripe.js does cards only. */
    LOCALSTRIPE;

    static StripeEmulator parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("localstripe")) {
            return LOCALSTRIPE;
        }
        throw new ConfigurationException("STRIPE_EMULATOR must be unset or 'localstripe', not '" + value.trim() + "'");
    }
}
