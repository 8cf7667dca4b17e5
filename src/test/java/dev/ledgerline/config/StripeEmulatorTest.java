package dev.ledgerline.config;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripeEmulatorTest {

    @Test
    void unsetOrBlankMeansStripeItself() {
        assertEquals(StripeEmulator.NONE, StripeEmulator.parse(null));
        assertEquals(StripeEmulator.NONE, StripeEmulator.parse(" "));
        assertEquals(StripeEmulator.LOCALSTRIPE, StripeEmulator.parse(" LocalStripe "));
    }

    /** A typo must not silently offer Checkout against a Stripe that has none (or hide it from real Stripe). */
    @Test
    void anUnknownValueStopsTheStart() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> StripeEmulator.parse("localstrip"));
        assertTrue(e.getMessage().contains("STRIPE_EMULATOR"), e.getMessage());
    }
}
