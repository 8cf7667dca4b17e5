package dev.ledgerline.support;

import com.stripe.StripeClient;
import com.stripe.model.SetupIntent;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.SetupIntentConfirmParams;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.SetupIntentResponse;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests whose service talks to localstripe, the stateful Stripe emulator: cards are saved as
 * Stripe.js would (the harness delivers the signed setup_intent.succeeded localstripe does not
 * send), and charges really succeed or decline there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LocalstripeTestSupport extends ApiTestSupport implements TestPropertyProvider {

    public static final String LOCALSTRIPE = System.getenv().getOrDefault("LOCALSTRIPE_URL", "http://127.0.0.1:8420");
    /** Attaches fine, then every charge on it is declined (card_declined). */
    public static final String DECLINED_ON_CHARGE = "4000000000000341";
    public static final String VISA = "4242424242424242";
    /** Asks for 3-D Secure on every payment, on or off session (localstripe's list of such cards). */
    public static final String AUTHENTICATES = "4000002760003184";

    @Inject
    protected AccountRepo accounts;

    protected final StripeClient localstripe = StripeClient.builder().setApiKey("sk_test_ledgerline").setApiBase(LOCALSTRIPE).build();

    /** Between the service and localstripe: keeps Stripe's idempotency promise, counts calls, injects faults on demand. */
    protected final StripeFaultProxy proxy = new StripeFaultProxy(LOCALSTRIPE).withoutDisputes();

    /** localstripe keeps state (but has no disputes: the proxy answers their list, empty, as Stripe would for none). */
    @Override
    protected boolean reconcilesAfterEachTest() {
        return true;
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("stripe.api-base", stripeBase());
    }

    /** Where the service sends its Stripe calls. */
    protected String stripeBase() {
        return proxy.url();
    }

    protected String customerOf(LoginResponse login) {
        return accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId();
    }

    /**
     * What Stripe.js does once the customer passed (or failed) the bank's challenge for a
     * PaymentIntent: localstripe's fake Stripe.js calls this with the intent's client secret.
     */
    protected void authenticate(String paymentIntentId, String clientSecret, boolean success) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(LOCALSTRIPE + "/v1/payment_intents/" + paymentIntentId + "/_authenticate?success=" + success))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"key\": \"pk_test_ledgerline\", \"client_secret\": \"" + clientSecret + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
    }

    /** Saves a card the way the control panel does; returns its PaymentMethod id once stored active. */
    protected String addCard(LoginResponse login, String number) throws Exception {
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        com.stripe.model.PaymentMethod card = localstripe.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .setCard(PaymentMethodCreateParams.CardDetails.builder()
                        .setNumber(number).setExpMonth(12L).setExpYear(2031L).setCvc("123").build())
                .build());
        // Stripe attaches the method to the SetupIntent's customer when it succeeds; localstripe does not.
        localstripe.v1().paymentMethods().attach(card.getId(), PaymentMethodAttachParams.builder().setCustomer(customerOf(login)).build());
        SetupIntent confirmed = localstripe.v1().setupIntents().confirm(created.getSetupIntentId(),
                SetupIntentConfirmParams.builder().setPaymentMethod(card.getId()).build());
        if (AUTHENTICATES.equals(number)) {
            // The bank's challenge, passed: Stripe.js confirms the SetupIntent again once the customer has.
            assertEquals("requires_action", confirmed.getStatus());
            confirmed = localstripe.v1().setupIntents().confirm(created.getSetupIntentId());
        }
        assertEquals("succeeded", confirmed.getStatus());
        deliverUntilApplied("setup_intent.succeeded", confirmed.getLastResponse().body());
        return card.getId();
    }
}
