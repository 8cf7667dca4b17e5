package dev.ledgerline.paymentmethods;

import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.client.model.VerifyMicrodepositsRequest;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeFaultProxy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stripe refusing a microdeposit verification reaches the caller as a 422 with Stripe's message. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrodepositRefusalIT extends ApiTestSupport implements TestPropertyProvider {

    private final StripeFaultProxy proxy = new StripeFaultProxy(
            System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111"));

    @Override
    public Map<String, String> getProperties() {
        return Map.of("stripe.api-base", proxy.url());
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    @Test
    void wrongAmountsAreA422WithStripesMessageAndChangeNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        SetupIntentResponse intent = api.createUsBankSetupIntent();

        String message = "The amounts provided do not match the amounts that were sent to the bank account.";
        proxy.refuseNext("/verify_microdeposits", 400, "invalid_request_error",
                "payment_method_microdeposit_verification_amounts_mismatch", message);
        Problem problem = expectProblem(422, () -> api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(intent.getSetupIntentId()).amounts(List.of(10L, 11L))));
        assertEquals("microdeposit_verification_failed", problem.getCode());
        assertEquals(message, problem.getDetail());
        assertTrue(api.listPaymentMethods().getData().isEmpty(), "nothing was stored");

        proxy.refuseNext("/verify_microdeposits", 400, "invalid_request_error",
                "payment_method_microdeposit_verification_attempts_exceeded", "You have exceeded the number of allowed verification attempts.");
        expectProblem(422, () -> api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(intent.getSetupIntentId()).amounts(List.of(32L, 45L))));

        // Without a fault the same call reaches the emulator and succeeds.
        assertEquals(intent.getSetupIntentId(), api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(intent.getSetupIntentId()).descriptorCode("SM11AA")).getSetupIntentId());
        assertEquals(3, proxy.count("/verify_microdeposits"));
    }
}
