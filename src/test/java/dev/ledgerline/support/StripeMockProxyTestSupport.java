package dev.ledgerline.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.SetupIntentResponse;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests of the asynchronous money paths against stripe-mock (which checks every request against
 * Stripe's API). stripe-mock is stateless, so a proxy edits its answers into the state Stripe would
 * report (processing, succeeded), and the harness delivers the signed events Stripe would send,
 * built from stripe-mock's objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StripeMockProxyTestSupport extends ApiTestSupport implements TestPropertyProvider {

    protected final StripeFaultProxy proxy = new StripeFaultProxy(System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111"), true);

    @Inject
    protected AccountRepo accounts;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("stripe.api-base", proxy.url());
    }

    @AfterEach
    void clearRewrites() {
        proxy.clearRewrites();
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    public StripeFaultProxy proxy() {
        return proxy;
    }

    /** Stripe (stripe-mock behind the proxy's state) is what every account of these tests reconciles with, after each test. */
    @Override
    protected boolean reconcilesAfterEachTest() {
        return true;
    }

    @Override
    protected void stripeNowSays(String objectJson) {
        proxy.state().put(objectJson);
    }

    public String customerOf(LoginResponse login) {
        return accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId();
    }

    /** A verified bank account, saved as the setup webhook reports it. */
    public String addBankAccount(LoginResponse login) throws Exception {
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createUsBankSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        proxy.rewrite("/v1/payment_methods/" + pm, json -> StripeObjects.of(json).set("id", pm).set("type", "us_bank_account")
                .setJson("us_bank_account", "{\"bank_name\":\"STRIPE TEST BANK\",\"last4\":\"6789\",\"account_type\":\"checking\"}")
                .json());
        setupSucceeded(login, created, pm);
        assertEquals("us_bank_account", new PaymentMethodsApi(as(login)).listPaymentMethods().getData().stream()
                .filter(m -> m.getId().equals(pm)).findFirst().orElseThrow().getType().getValue());
        return pm;
    }

    /** A card (stripe-mock's fixture Visa), saved as the setup webhook reports it. */
    public String addCard(LoginResponse login) throws Exception {
        String pm = StripeObjects.newPaymentMethodId();
        setupSucceeded(login, new PaymentMethodsApi(as(login)).createCardSetupIntent(), pm);
        return pm;
    }

    /** Delivers setup_intent.succeeded for the account's SetupIntent, now carrying {@code paymentMethodId}. */
    private void setupSucceeded(LoginResponse login, SetupIntentResponse created, String paymentMethodId) throws Exception {
        String intent = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId()).getLastResponse().body())
                .set("customer", customerOf(login)).set("status", "succeeded").set("payment_method", paymentMethodId).json();
        deliver("setup_intent.succeeded", intent);
    }

    public void addCharge(LoginResponse login, long amount) throws ApiException {
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(amount).description("Pro plan"));
    }

    protected Balance balance(LoginResponse login) throws ApiException {
        return new LedgerApi(as(login)).getBalance();
    }

    /** Stripe keeps an ACH debit processing for days. */
    protected void debitsStayProcessing() {
        proxy.rewrite("/v1/payment_intents", json -> StripeObjects.of(json).set("status", "processing").json());
    }

    /** Pays {@code amount} by a new bank account: the debit stays processing, as ACH debits do for days. */
    protected Payment processingDebit(LoginResponse login, long amount) throws Exception {
        addBankAccount(login);
        addCharge(login, amount);
        debitsStayProcessing();
        return new PaymentsApi(as(login)).payBalance(null, null);
    }

    /** The PaymentIntent of {@code payment} as Stripe reports it in {@code status}. */
    public String intent(LoginResponse login, Payment payment, String status) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().paymentIntents().retrieve(payment.getStripePaymentIntentId()).getLastResponse().body())
                .set("status", status).set("amount", payment.getAmount()).set("currency", "usd").set("customer", customerOf(login))
                .set("amount_received", "succeeded".equals(status) ? payment.getAmount() : 0)
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\",\"ledgerline_attempt\":\"1\"}")
                .json();
    }

    /** The charge of {@code payment} as Stripe reports it after these refunds (cumulative, newest list). */
    protected String charge(LoginResponse login, Payment payment, String chargeId, long... refunds) throws Exception {
        JsonArray data = new JsonArray();
        for (int i = 0; i < refunds.length; i++) {
            data.add(JsonParser.parseString(StripeObjects.of(StripeEvents.stripeMock().v1().refunds().retrieve("re_x").getLastResponse().body())
                    .set("id", "re_" + chargeId.substring(3) + "_" + i).set("amount", refunds[i]).set("charge", chargeId)
                    .set("currency", "usd").set("status", "succeeded").set("payment_intent", payment.getStripePaymentIntentId())
                    .set("created", StripeEvents.now() + i).json()));
        }
        long total = java.util.Arrays.stream(refunds).sum();
        return StripeObjects.of(StripeEvents.stripeMock().v1().charges().retrieve(chargeId).getLastResponse().body())
                .set("id", chargeId).set("amount", payment.getAmount()).set("amount_refunded", total).set("currency", "usd")
                .set("customer", customerOf(login)).set("payment_intent", payment.getStripePaymentIntentId())
                .setJson("refunds", "{\"object\":\"list\",\"has_more\":false,\"total_count\":" + refunds.length
                        + ",\"url\":\"/v1/charges/" + chargeId + "/refunds\",\"data\":" + data + "}")
                .json();
    }

    /** A dispute of {@code payment}'s charge in {@code status}. */
    protected String dispute(Payment payment, String id, long amount, String status) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().disputes().retrieve(id).getLastResponse().body())
                .set("id", id).set("payment_intent", payment.getStripePaymentIntentId()).set("amount", amount).set("currency", "usd")
                .set("status", status).json();
    }
}
