package dev.ledgerline.paymentmethods;

import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.PaymentMethodStatus;
import dev.ledgerline.client.model.SetupIntentRefresh;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After Stripe.js confirms a setup, the panel asks the service to refresh it: the service asks
 * Stripe (not the browser) and stores the method through the same code as setup_intent.succeeded.
 * Refresh and webhook, in either order or racing, store one method.
 */
@MicronautTest
class SetupRefreshIT extends StripeMockProxyTestSupport {

    /** A card SetupIntent of the account that Stripe now reports succeeded with a new method; returns its JSON. */
    private String confirmedAtStripe(LoginResponse login, SetupIntentResponse created, String paymentMethodId) throws Exception {
        String intent = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId()).getLastResponse().body())
                .set("id", created.getSetupIntentId()).set("customer", customerOf(login)).set("status", "succeeded")
                .set("payment_method", paymentMethodId).json();
        proxy.state().put(intent);
        return intent;
    }

    private List<PaymentMethod> methods(LoginResponse login) throws Exception {
        return new PaymentMethodsApi(as(login)).listPaymentMethods().getData();
    }

    @Test
    void aRefreshStoresTheMethodAtOnceAndTheLaterWebhookFindsItDone() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String intent = confirmedAtStripe(login, created, pm);

        SetupIntentRefresh refreshed = new PaymentMethodsApi(as(login)).refreshSetupIntent(created.getSetupIntentId());
        assertEquals("succeeded", refreshed.getStatus());
        assertEquals(pm, refreshed.getPaymentMethod().getId());
        assertEquals(PaymentMethodStatus.ACTIVE, refreshed.getPaymentMethod().getStatus());
        assertTrue(refreshed.getPaymentMethod().getIsDefault(), "the first method is the default");

        deliver("setup_intent.succeeded", intent);
        assertEquals(List.of(pm), methods(login).stream().map(PaymentMethod::getId).toList());
        assertEquals(pm, new PaymentMethodsApi(as(login)).refreshSetupIntent(created.getSetupIntentId()).getPaymentMethod().getId());
        assertEquals(1, methods(login).size());
    }

    @Test
    void aWebhookFirstThenTheRefreshStoreOneMethod() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        deliver("setup_intent.succeeded", confirmedAtStripe(login, created, pm));
        SetupIntentRefresh refreshed = new PaymentMethodsApi(as(login)).refreshSetupIntent(created.getSetupIntentId());
        assertEquals(pm, refreshed.getPaymentMethod().getId());
        assertEquals(List.of(pm), methods(login).stream().map(PaymentMethod::getId).toList());
    }

    @Test
    void refreshesAndWebhooksRacingStoreOneMethod() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String intent = confirmedAtStripe(login, created, pm);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> new PaymentMethodsApi(as(login)).refreshSetupIntent(created.getSetupIntentId()));
                calls.add(() -> deliverUntilApplied("setup_intent.succeeded", intent)); // Stripe's deliveries, each its own event
            }
            for (Future<Object> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<PaymentMethod> stored = methods(login);
        assertEquals(List.of(pm), stored.stream().map(PaymentMethod::getId).toList(), "one method");
        assertEquals(PaymentMethodStatus.ACTIVE, stored.get(0).getStatus());
        assertTrue(stored.get(0).getIsDefault());
    }

    @Test
    void theBrowsersWordIsNotTaken() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        // The browser says it confirmed; Stripe says the setup is still waiting for a card.
        SetupIntentRefresh refreshed = new PaymentMethodsApi(as(login)).refreshSetupIntent(created.getSetupIntentId());
        assertEquals("requires_payment_method", refreshed.getStatus());
        assertNull(refreshed.getPaymentMethod());
        assertEquals(List.of(), methods(login));

        LoginResponse other = signupAndLogin();
        assertEquals("not_found", expectProblem(404, () -> new PaymentMethodsApi(as(other))
                .refreshSetupIntent(created.getSetupIntentId())).getCode(), "another account's setup");
        expectProblem(400, () -> new PaymentMethodsApi(as(login)).refreshSetupIntent("seti with spaces"));
    }
}
