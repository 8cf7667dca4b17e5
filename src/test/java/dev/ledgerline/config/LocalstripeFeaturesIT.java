package dev.ledgerline.config;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.ConfigApi;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Availability;
import dev.ledgerline.client.model.BillingConfig;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CheckoutSessionRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.VerifyMicrodepositsRequest;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STRIPE_EMULATOR=localstripe, as the run command sets it: Checkout and bank accounts are reported
 * unavailable with a reason that says how to get them, and their endpoints answer a 422 problem
 * with that reason before anything is reserved or sent to Stripe. (The Stripe here stays
 * stripe-mock, which would have answered: the refusal comes from the setting, not from Stripe.)
 */
@MicronautTest
@Property(name = "stripe.emulator", value = "localstripe")
class LocalstripeFeaturesIT extends ApiTestSupport {

    @Test
    void configSaysWhatIsMissingAndHowToGetIt() throws ApiException {
        BillingConfig config = new ConfigApi(as(signupAndLogin())).getBillingConfig();
        assertUnavailable(config.getCheckout(), "has no Checkout");
        assertUnavailable(config.getUsBankAccount(), "cards only");
    }

    @Test
    void checkoutIsRefusedWithTheReasonAndNothingIsReserved() throws ApiException {
        LoginResponse login = signupAndLogin();
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1500L).description("Plan"));
        PaymentsApi payments = new PaymentsApi(as(login));

        Problem withoutAmount = expectProblem(422, () -> payments.createCheckoutSession(null));
        Problem withAmount = expectProblem(422, () -> payments.createCheckoutSession(new CheckoutSessionRequest().amount(500L)));

        String reason = new ConfigApi(as(login)).getBillingConfig().getCheckout().getReason();
        for (Problem problem : List.of(withoutAmount, withAmount)) {
            assertEquals("checkout_unavailable", problem.getCode());
            assertEquals(reason, problem.getDetail());
        }
        assertEquals(List.of(), payments.listPayments(10, null).getData());
        assertEquals(1500L, new LedgerApi(as(login)).getBalance().getDue());
    }

    @Test
    void bankAccountSetupAndVerificationAreRefusedWithTheReason() throws ApiException {
        LoginResponse login = signupAndLogin();
        PaymentMethodsApi methods = new PaymentMethodsApi(as(login));

        Problem setup = expectProblem(422, methods::createUsBankSetupIntent);
        Problem verify = expectProblem(422, () -> methods.verifyMicrodeposits(
                new VerifyMicrodepositsRequest().setupIntentId("seti_123").amounts(List.of(32L, 45L))));

        for (Problem problem : List.of(setup, verify)) {
            assertEquals("bank_accounts_unavailable", problem.getCode());
            assertTrue(problem.getDetail().contains("cards only"), problem.getDetail());
        }
        assertEquals(List.of(), methods.listPaymentMethods().getData());
    }

    /** Cards still work: only what localstripe lacks is switched off. */
    @Test
    void cardsStayAvailable() throws ApiException {
        LoginResponse login = signupAndLogin();
        assertTrue(new PaymentMethodsApi(as(login)).createCardSetupIntent().getClientSecret().contains("_secret_"));
    }

    private static void assertUnavailable(Availability feature, String why) {
        assertFalse(feature.getAvailable());
        assertTrue(feature.getReason().contains(why), feature.getReason());
        assertTrue(feature.getReason().contains("STRIPE_SECRET_KEY"), "says how to get it: " + feature.getReason());
        assertTrue(feature.getReason().contains("Stripe test mode"), "points at the guide: " + feature.getReason());
    }
}
