package dev.ledgerline.paymentmethods;

import com.stripe.exception.StripeException;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.PaymentMethodPriorityRequest;
import dev.ledgerline.client.model.PaymentMethodStatus;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.client.model.VerifyMicrodepositsRequest;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payment methods against stripe-mock (the request contract); setup events delivered signed. */
@MicronautTest
class PaymentMethodsIT extends ApiTestSupport {

    @Inject
    AccountRepo accounts;

    private String customerOf(LoginResponse login) {
        return accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId();
    }

    private static String setupIntentFromEmulator(String setupIntentId) throws StripeException {
        return StripeEvents.stripeMock().v1().setupIntents().retrieve(setupIntentId).getLastResponse().body();
    }

    /** stripe-mock gives every SetupIntent the same creation time; real ones differ, as here. */
    private final java.util.concurrent.atomic.AtomicLong setupCreated = new java.util.concurrent.atomic.AtomicLong(StripeEvents.now());
    private final java.util.Map<String, Long> createdBySetupIntent = new java.util.concurrent.ConcurrentHashMap<>();

    /** The SetupIntent of this account, as the emulator returns it, in the state {@code status}. */
    private String setupIntentIn(LoginResponse login, SetupIntentResponse created, String status, String paymentMethodId)
            throws StripeException {
        return StripeObjects.of(setupIntentFromEmulator(created.getSetupIntentId()))
                .set("created", createdBySetupIntent.computeIfAbsent(created.getSetupIntentId(), id -> setupCreated.incrementAndGet()))
                .set("customer", customerOf(login))
                .set("status", status)
                .set("payment_method", paymentMethodId)
                .json();
    }

    /**
     * Events of this class happen one after another, each a second later, as in life; the service
     * orders by Stripe's times, and within one second it cannot tell which came first.
     */
    private final java.util.concurrent.atomic.AtomicLong eventTime = new java.util.concurrent.atomic.AtomicLong(StripeEvents.now());

    private void deliverInOrder(String type, String objectJson) throws ApiException {
        deliver(StripeEvents.newEventId(), type, objectJson, eventTime.incrementAndGet());
    }

    private String addCard(LoginResponse login) throws Exception {
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        deliverInOrder("setup_intent.succeeded", setupIntentIn(login, created, "succeeded", pm));
        return pm;
    }

    private List<PaymentMethod> list(LoginResponse login) throws ApiException {
        return new PaymentMethodsApi(as(login)).listPaymentMethods().getData();
    }

    private static List<String> ids(List<PaymentMethod> methods) {
        return methods.stream().map(PaymentMethod::getId).toList();
    }

    @Test
    void cardSetupThenWebhookStoresAnActiveDefaultCard() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        assertTrue(created.getSetupIntentId().startsWith("seti_"));
        assertTrue(created.getClientSecret().contains("_secret_"));
        assertTrue(list(login).isEmpty(), "nothing is stored before Stripe says the setup succeeded");

        String pm = StripeObjects.newPaymentMethodId();
        deliverInOrder("setup_intent.succeeded", setupIntentIn(login, created, "succeeded", pm));

        List<PaymentMethod> methods = list(login);
        assertEquals(1, methods.size());
        PaymentMethod card = methods.get(0);
        assertEquals(pm, card.getId());
        assertEquals(PaymentMethodStatus.ACTIVE, card.getStatus());
        assertEquals(1, card.getPriority());
        assertTrue(card.getIsDefault(), "the first active method becomes the default");
        // Details come from Stripe's PaymentMethod (stripe-mock's fixture card).
        assertEquals("visa", card.getBrand());
        assertEquals("4242", card.getLast4());
        assertEquals(pm, new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId());
    }

    @Test
    void theCustomerIsCreatedOnceAndReused() throws Exception {
        LoginResponse login = signupAndLogin();
        new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String customer = customerOf(login);
        new PaymentMethodsApi(as(login)).createUsBankSetupIntent();
        assertEquals(customer, customerOf(login));
        assertEquals(login.getAccountId(), accounts.accountIdForCustomer(customer).orElseThrow());
    }

    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;

    @Inject
    dev.ledgerline.config.BillingSettings settings;

    @Test
    void racingFirstRequestsLeaveOneCustomer() throws Exception {
        LoginResponse login = signupAndLogin();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<SetupIntentResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> new PaymentMethodsApi(as(login)).createCardSetupIntent());
            }
            for (java.util.concurrent.Future<SetupIntentResponse> result : pool.invokeAll(calls)) {
                assertTrue(result.get().getSetupIntentId().startsWith("seti_"));
            }
        } finally {
            pool.shutdownNow();
        }
        String customer = customerOf(login);
        long mapped = dynamo.scanPaginator(software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder()
                        .tableName(settings.tableName())
                        .filterExpression("begins_with(PK, :prefix) AND accountId = :account")
                        .expressionAttributeValues(java.util.Map.of(
                                ":prefix", dev.ledgerline.store.Attr.s("STRIPECUS#"),
                                ":account", dev.ledgerline.store.Attr.s(login.getAccountId())))
                        .consistentRead(true)
                        .build())
                .items().stream().count();
        assertEquals(1, mapped, "one customer is recorded for the account");
        assertEquals(login.getAccountId(), accounts.accountIdForCustomer(customer).orElseThrow());
    }

    @Test
    void bankAccountWaitsForMicrodepositsThenBecomesActive() throws Exception {
        LoginResponse login = signupAndLogin();
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        SetupIntentResponse created = api.createUsBankSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();

        deliverInOrder("setup_intent.requires_action", StripeObjects.of(setupIntentIn(login, created, "requires_action", pm))
                .setJson("next_action", "{\"type\":\"verify_with_microdeposits\",\"verify_with_microdeposits\":"
                        + "{\"arrival_date\":" + (StripeEvents.now() + 86400) + ",\"microdeposit_type\":\"amounts\","
                        + "\"hosted_verification_url\":\"https://payments.stripe.com/microdeposit/x\"}}")
                .json());
        PaymentMethod pending = list(login).get(0);
        assertEquals(PaymentMethodStatus.PENDING_VERIFICATION, pending.getStatus());
        assertFalse(pending.getIsDefault(), "a method waiting for verification is not the default");

        // Either the amounts or the code, not both.
        expectProblem(422, () -> api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(created.getSetupIntentId()).amounts(List.of(32L, 45L)).descriptorCode("SM11AA")));
        expectProblem(400, () -> api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(created.getSetupIntentId()).amounts(List.of(32L))));

        assertEquals(created.getSetupIntentId(), api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(created.getSetupIntentId()).amounts(List.of(32L, 45L))).getSetupIntentId());

        deliverInOrder("setup_intent.succeeded", setupIntentIn(login, created, "succeeded", pm));
        PaymentMethod active = list(login).get(0);
        assertEquals(PaymentMethodStatus.ACTIVE, active.getStatus());
        assertTrue(active.getIsDefault());
    }

    @Test
    void failedSetupIsMarkedFailed() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String failed = StripeObjects.of(setupIntentIn(login, created, "requires_payment_method", null))
                .setJson("last_setup_error", "{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\"Your card was declined.\","
                        + "\"payment_method\":{\"id\":\"" + pm + "\",\"object\":\"payment_method\",\"type\":\"card\"}}")
                .json();
        deliverInOrder("setup_intent.setup_failed", failed);

        PaymentMethod method = list(login).get(0);
        assertEquals(pm, method.getId());
        assertEquals(PaymentMethodStatus.FAILED, method.getStatus());
        assertFalse(method.getIsDefault());
        assertNull(new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId());
        // A failed method cannot be made the default.
        expectProblem(409, () -> new PaymentMethodsApi(as(login)).setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(pm)));
    }

    @Test
    void priorityReordersOnlyWithTheFullList() throws Exception {
        LoginResponse login = signupAndLogin();
        String first = addCard(login);
        String second = addCard(login);
        String third = addCard(login);
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        assertEquals(List.of(first, second, third), ids(list(login)), "new methods go last");

        List<PaymentMethod> reordered = api.setPaymentMethodPriority(new PaymentMethodPriorityRequest()
                .paymentMethodIds(List.of(third, first, second))).getData();
        assertEquals(List.of(third, first, second), ids(reordered));
        assertEquals(List.of(1, 2, 3), reordered.stream().map(PaymentMethod::getPriority).toList());
        assertEquals(List.of(third, first, second), ids(list(login)));

        String otherAccounts = addCard(signupAndLogin());
        for (List<String> invalid : List.of(List.of(first, second), List.of(first, second, third, "pm_unknown"),
                List.of(first, first, second, third), List.of(first, second, otherAccounts))) {
            Problem problem = expectProblem(422, () -> api.setPaymentMethodPriority(new PaymentMethodPriorityRequest().paymentMethodIds(invalid)));
            assertEquals("priority_list_mismatch", problem.getCode());
        }
        assertEquals(List.of(third, first, second), ids(list(login)), "a refused list changes nothing");
    }

    @Test
    void defaultCanBeChangedAndRemovingItPromotesTheNext() throws Exception {
        LoginResponse login = signupAndLogin();
        String first = addCard(login);
        String second = addCard(login);
        String third = addCard(login);
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        assertEquals(first, new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId());

        assertEquals(third, api.setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(third)).getDefaultPaymentMethodId());
        api.setPaymentMethodPriority(new PaymentMethodPriorityRequest().paymentMethodIds(List.of(third, second, first)));

        api.deletePaymentMethod(third);
        List<PaymentMethod> left = list(login);
        assertEquals(List.of(second, first), ids(left));
        assertTrue(left.get(0).getIsDefault(), "the next active method by priority becomes the default");
        assertEquals(second, new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId());

        expectProblem(404, () -> api.deletePaymentMethod(third));
        api.deletePaymentMethod(first);
        api.deletePaymentMethod(second);
        assertTrue(list(login).isEmpty());
        assertNull(new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId());
    }

    @Test
    void anotherAccountsIdsAreNotFound() throws Exception {
        LoginResponse owner = signupAndLogin();
        String theirs = addCard(owner);
        SetupIntentResponse theirIntent = new PaymentMethodsApi(as(owner)).createUsBankSetupIntent();

        LoginResponse intruder = signupAndLogin();
        PaymentMethodsApi api = new PaymentMethodsApi(as(intruder));
        expectProblem(404, () -> api.deletePaymentMethod(theirs));
        expectProblem(404, () -> api.setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(theirs)));
        expectProblem(404, () -> api.verifyMicrodeposits(new VerifyMicrodepositsRequest()
                .setupIntentId(theirIntent.getSetupIntentId()).amounts(List.of(32L, 45L))));
        expectProblem(422, () -> api.setPaymentMethodPriority(new PaymentMethodPriorityRequest().paymentMethodIds(List.of(theirs))));
        assertTrue(list(intruder).isEmpty());
        assertEquals(List.of(theirs), ids(list(owner)), "the owner's method is untouched");
    }
}
