package dev.ledgerline;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.support.Contract;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What contract fuzzing (scripts/fuzz.sh) found, kept as regression tests: raw answers held
 * against openapi/billing.yaml by {@link Contract} (status documented, content type, body shape).
 */
@MicronautTest
class ContractConformanceIT extends StripeMockProxyTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMOJI = new String(Character.toChars(0x1F600));

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> session(LoginResponse login) {
        return Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken());
    }

    private static Map<String, String> serviceKey() {
        return Map.of("Authorization", "Bearer " + SERVICE_KEY, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private HttpResponse<String> conforming(String method, String template, String path, Map<String, String> headers, String body) {
        HttpResponse<String> response = send(method, path, headers, body);
        Contract.assertConforms(method, template, response);
        return response;
    }

    private static void assertStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
    }

    /** Was: application.yml's inclusion non_null left required-but-nullable properties out when null. */
    @Test
    void requiredNullablePropertiesAreSentAsNull() throws Exception {
        LoginResponse login = signupAndLogin();
        Map<String, String> as = session(login);
        assertTrue(conforming("GET", "/api/billing/settings", "/api/billing/settings", as, null).body()
                .contains("\"defaultPaymentMethodId\":null"));
        assertTrue(conforming("GET", "/api/billing/ledger", "/api/billing/ledger", as, null).body().contains("\"nextCursor\":null"));
        assertTrue(conforming("GET", "/api/billing/payments", "/api/billing/payments", as, null).body().contains("\"nextCursor\":null"));

        addBankAccount(login);
        conforming("GET", "/api/billing/payment-methods", "/api/billing/payment-methods", as, null);

        // A subscription without items has no price and no period end.
        JsonObject subscription = JsonParser.parseString(StripeEvents.stripeMock().v1().subscriptions().retrieve("sub_x")
                .getLastResponse().body()).getAsJsonObject();
        subscription.getAsJsonObject("items").getAsJsonArray("data").asList().clear();
        deliver("customer.subscription.created", StripeObjects.of(subscription.toString())
                .set("id", "sub_contract" + UUID.randomUUID().toString().substring(0, 8)).set("customer", customerOf(login)).json());
        String subscriptions = conforming("GET", "/api/billing/subscriptions", "/api/billing/subscriptions", as, null).body();
        assertTrue(subscriptions.contains("\"priceId\":null") && subscriptions.contains("\"currentPeriodEnd\":null"), subscriptions);
    }

    /** Was: a path parameter outside its pattern answered a 400 the operation did not document. */
    @Test
    void pathParametersOutsideTheirPatternAreDocumentedBadRequests() throws Exception {
        LoginResponse login = signupAndLogin();
        assertStatus(400, conforming("DELETE", "/api/billing/payment-methods/{payment_method_id}",
                "/api/billing/payment-methods/%C3%97", session(login), null));
        assertStatus(400, conforming("GET", "/api/internal/accounts/{accountId}/balance",
                "/api/internal/accounts/%C3%97/balance", serviceKey(), null));
        assertStatus(400, conforming("POST", "/api/internal/accounts/{accountId}/charges/{entryId}/settle",
                "/api/internal/accounts/" + login.getAccountId() + "/charges/%C3%97/settle", serviceKey(), null));
    }

    /** Was: a cursor within its maxLength (1,024 characters, up to 12 KB encoded) hit Netty's 4 KB line limit: 413. */
    @Test
    void theLongestCursorTheContractAllowsIsRead() throws Exception {
        LoginResponse login = signupAndLogin();
        String cursor = URLEncoder.encode(EMOJI.repeat(1024), StandardCharsets.UTF_8);
        HttpResponse<String> response = conforming("GET", "/api/billing/ledger", "/api/billing/ledger?limit=100&cursor=" + cursor,
                session(login), null);
        assertStatus(400, response);
        assertTrue(response.body().contains("\"code\":\"invalid_cursor\""), response.body());
    }

    /** Was: {@code ?limit=} was read as no limit and listed a default page. */
    @Test
    void anEmptyLimitIsNoLimit() throws Exception {
        LoginResponse login = signupAndLogin();
        for (String listing : new String[] {"/api/billing/ledger", "/api/billing/payments"}) {
            HttpResponse<String> response = conforming("GET", listing, listing + "?limit=&cursor=", session(login), null);
            assertStatus(400, response);
            assertTrue(response.body().contains("\"field\":\"limit\""), response.body());
            assertStatus(200, conforming("GET", listing, listing + "?cursor=", session(login), null));
        }
    }

    /** Was: the DELETE route's template took "default" and "priority" for ids, so their 405s advertised DELETE. */
    @Test
    void defaultAndPriorityAreNotPaymentMethodIds() throws Exception {
        LoginResponse login = signupAndLogin();
        for (String path : new String[] {"/api/billing/payment-methods/default", "/api/billing/payment-methods/priority"}) {
            for (String method : new String[] {"OPTIONS", "DELETE", "GET"}) {
                HttpResponse<String> response = send(method, path, session(login), null);
                assertStatus(405, response);
                assertEquals("POST", response.headers().firstValue("allow").orElse(""), method + " " + path);
            }
        }
        assertStatus(404, conforming("DELETE", "/api/billing/payment-methods/{payment_method_id}",
                "/api/billing/payment-methods/pm_defaultish", session(login), null));
    }

    /** Was: @Size counted UTF-16 units where JSON Schema's minLength/maxLength count characters. */
    @Test
    void stringLengthsAreCountedInCharacters() {
        String signup = "/api/auth/signup";
        HttpResponse<String> tooShort = conforming("POST", signup, signup, Map.of(),
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + EMOJI.repeat(11) + "\",\"accountName\":\"Emoji\"}");
        assertStatus(400, tooShort);
        assertTrue(tooShort.body().contains("\"field\":\"password\""), tooShort.body());
        assertStatus(201, conforming("POST", signup, signup, Map.of(),
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + EMOJI.repeat(12) + "\",\"accountName\":\"" + EMOJI.repeat(100) + "\"}"));
    }

    /**
     * Was: an explicit null for a property was read as "not given" and the default applied. A body
     * of null stays "no body" (the generated clients send it for none), as the contract now says.
     */
    @Test
    void nullIsNoValueOfARequest() throws Exception {
        LoginResponse login = signupAndLogin();
        Map<String, String> as = session(login);
        String checkout = "/api/billing/checkout_session";
        addCharge(login, 2500);
        assertStatus(400, conforming("POST", checkout, checkout, as, "{\"amount\":2500,\"currency\":null}"));
        assertStatus(400, conforming("POST", checkout, checkout, as, "{\"amount\":null}"));
        String addCharge = "/api/billing/_dev/add-charge";
        assertStatus(400, conforming("POST", addCharge, addCharge, as, "{\"amount\":100,\"description\":\"x\",\"settled\":null}"));
        assertStatus(400, conforming("POST", addCharge, addCharge, as, "{\"amount\":100,\"description\":\"x\",\"settled\":\"AAA\"}"));
        String internal = "/api/internal/accounts/{accountId}/charges";
        assertStatus(400, conforming("POST", internal, "/api/internal/accounts/" + login.getAccountId() + "/charges", serviceKey(),
                "{\"amount\":100,\"description\":\"x\",\"currency\":null}"));
        assertEquals(1, allEntries(login).size(), "only the first charge was posted");
        assertTrue(conforming("GET", "/api/billing/payments", "/api/billing/payments", as, null).body().contains("\"data\":[]"),
                "no Checkout was started");
        // Leaving an optional property out, or the whole body (null), still asks for the defaults.
        assertStatus(200, conforming("POST", checkout, checkout, as, "{}"));
        addCharge(login, 700); // the first page holds the 25.00 it is for; the second is for what came since
        assertStatus(200, conforming("POST", checkout, checkout, as, "null"));
    }

    /** Was: a balance above one payment's maximum (99,999,999) became a payment the contract (and Stripe) cannot take. */
    @Test
    void aBalanceLargerThanOnePaymentIsRefusedNotCharged() throws Exception {
        LoginResponse login = signupAndLogin();
        Map<String, String> as = session(login);
        addCard(login);
        addCharge(login, 99_999_999);
        addCharge(login, 2);
        for (String[] call : new String[][] {{"/api/billing/pay-balance", "{}"}, {"/api/billing/checkout_session", "{}"}}) {
            HttpResponse<String> response = conforming("POST", call[0], call[0], as, call[1]);
            assertStatus(422, response);
            assertTrue(response.body().contains("\"code\":\"amount_too_large\""), response.body());
        }
        assertEquals(100_000_001L, balance(login).getDue(), "nothing was reserved");
        // Part of it can be paid.
        assertStatus(200, conforming("POST", "/api/billing/checkout_session", "/api/billing/checkout_session", as, "{\"amount\":99999999}"));
        conforming("GET", "/api/billing/payments", "/api/billing/payments", as, null);
    }

    /** Was: Stripe failing answered 502 where the operation did not document it. */
    @Test
    void stripeFailuresAreDocumentedBadGateways() throws Exception {
        LoginResponse login = signupAndLogin();
        Map<String, String> as = session(login);
        String card = addCard(login);
        String bank = addBankAccount(login);
        // Which one was adopted as the default depends on their (equal) activation times; choose the other.
        String other = bank.equals(new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId()) ? card : bank;
        // stripe-java tries three times (two retries); every answer is lost.
        proxy.loseAnswers("/v1/customers/" + customerOf(login), 3);
        assertStatus(502, conforming("POST", "/api/billing/payment-methods/default", "/api/billing/payment-methods/default", as,
                "{\"paymentMethodId\":\"" + other + "\"}"));
        proxy.loseAnswers("/v1/payment_methods/" + bank + "/detach", 3);
        assertStatus(502, conforming("DELETE", "/api/billing/payment-methods/{payment_method_id}",
                "/api/billing/payment-methods/" + bank, as, null));
        SetupIntentResponse setup = new PaymentMethodsApi(as(login)).createUsBankSetupIntent();
        proxy.loseAnswers("/v1/setup_intents/" + setup.getSetupIntentId() + "/verify_microdeposits", 3);
        assertStatus(502, conforming("POST", "/api/billing/us-bank/verify-microdeposits", "/api/billing/us-bank/verify-microdeposits",
                as, "{\"setupIntentId\":\"" + setup.getSetupIntentId() + "\",\"amounts\":[32,45]}"));
        addCharge(login, 2500);
        proxy.loseAnswers("/v1/checkout/sessions", 3);
        assertStatus(502, conforming("POST", "/api/billing/checkout_session", "/api/billing/checkout_session", as, "{}"));
        assertEquals(2, new PaymentMethodsApi(as(login)).listPaymentMethods().getData().size(), "nothing was removed");
    }
}
