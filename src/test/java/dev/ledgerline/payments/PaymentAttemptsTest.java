package dev.ledgerline.payments;

import dev.ledgerline.stripe.StripeRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which declines another method may cure (try the next one) and which end the payment. */
class PaymentAttemptsTest {

    private static StripeRejection rejected(String code, String declineCode) {
        return new StripeRejection("Your card was declined.", code, declineCode, "pi_1", 402);
    }

    @ParameterizedTest
    @ValueSource(strings = {"card_declined", "insufficient_funds", "expired_card", "authentication_required", "account_closed"})
    void aDeclineOfThisMethodIsCurable(String code) {
        assertTrue(PaymentAttempts.curable(rejected(code, null)), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"insufficient_funds", "lost_card", "do_not_honor", "generic_decline"})
    void theDeclineCodeCountsToo(String declineCode) {
        assertTrue(PaymentAttempts.curable(rejected("card_declined", declineCode)));
        assertTrue(PaymentAttempts.curable(rejected("some_future_code", declineCode)), "a curable decline code alone is enough");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount_too_large", "parameter_invalid_integer", "idempotency_key_in_use", "resource_missing"})
    void aRefusalOfThePaymentItselfIsNotCurable(String code) {
        assertFalse(PaymentAttempts.curable(rejected(code, null)), code);
    }

    @Test
    void noCodeAtAllIsNotCurable() {
        assertFalse(PaymentAttempts.curable(rejected(null, null)));
    }
}
