package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.CheckoutSessionRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Stripe refuses: a refusal outside a payment is the caller's 4xx, never a 500; a due under Stripe's minimum is not charged. */
@MicronautTest
class StripeLimitsIT extends StripeMockProxyTestSupport {

    @Inject
    AutopayJob autopay;

    @Test
    void aStripeRefusalOutsideAPaymentIsA422WithStripesMessage() throws Exception {
        LoginResponse login = signupAndLogin();
        addCharge(login, 2000);
        proxy.refuseNext("/v1/checkout/sessions", 400, "invalid_request_error", "parameter_invalid_empty",
                "You passed an empty string for 'line_items[0][price_data][product_data][name]'.");

        Problem refused = expectProblem(422, () -> new PaymentsApi(as(login)).createCheckoutSession(null));
        assertEquals("stripe_refused", refused.getCode());
        assertTrue(refused.getDetail().contains("empty string"), refused.getDetail());
    }

    @Test
    void aDueUnderStripesMinimumChargeIsNeitherPaidNorAutopaid() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login);
        addCharge(login, 30);
        int before = proxy.forwarded("/v1/payment_intents");

        // Stripe refuses charges under 0.50 usd: asking it would fail, and autopay would retry that forever.
        Problem tooSmall = expectProblem(422, () -> new PaymentsApi(as(login)).payBalance("small-1", null));
        assertEquals("amount_below_minimum", tooSmall.getCode());
        assertEquals("amount_below_minimum", expectProblem(422, () -> new PaymentsApi(as(login))
                .createCheckoutSession(new CheckoutSessionRequest().amount(30L))).getCode());

        assertTrue(new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true)).getAutopayEnabled());
        AutopayJob.Run run = autopay.runOnce();
        assertEquals(0, run.paid());
        assertEquals(0, run.failed());
        assertTrue(new PaymentsApi(as(login)).listPayments(10, null).getData().isEmpty(), "no payment was made");
        assertEquals(before, proxy.forwarded("/v1/payment_intents"), "Stripe was not asked");
        assertEquals(30, balance(login).getDue(), "it stays due until more is added");

        addCharge(login, 40);
        assertEquals(1, autopay.runOnce().paid(), "70 cents can be charged");
    }
}
