package dev.ledgerline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.ApiResponse;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CheckoutSessionRequest;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PayBalanceRequest;
import dev.ledgerline.client.model.PaymentMethodPriorityRequest;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.support.Answer;
import dev.ledgerline.support.CapturedLogs;
import dev.ledgerline.support.Leaks;
import dev.ledgerline.support.RawHttp;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.TableSnapshot;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed input to every endpoint that moves money or decides how it moves.
 * Each case breaks one field (or the framing) of a request that is otherwise valid, and must be
 * answered with a 4xx application/problem+json, never a 5xx, without writing anything: the whole
 * table is compared item by item around each request, no Stripe call is made, and the account's
 * balance, ledger, payments, settings and methods read through the API are the same at the end.
 * {@link #theRequestsTheCasesBreakAreAccepted} proves the unbroken requests succeed, so each case
 * fails for its own reason. Values the generated client can express go through it; the rest
 * (values of the wrong JSON type, broken JSON, other content types) through {@link RawHttp}.
 * <p>
 * Login brute force (429 with Retry-After after repeated failures, other emails unaffected) is
 * covered by {@code AuthIT.repeatedFailuresLockTheEmailOut}.
 */
@MicronautTest
class InputHardeningIT extends StripeMockProxyTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "invalid_request";
    private static final int SERVER_MAX_BODY = 1024 * 1024;

    /** A valid request to one endpoint; {@code required} fields also make its body required. */
    private record Endpoint(String name, URI base, String path, Supplier<Map<String, String>> headers, ObjectNode template,
                            Set<String> required, BodySender client) {

        boolean bodyRequired() {
            return !required.isEmpty();
        }

        Answer raw(String contentType, String body) {
            return Answer.of(RawHttp.post(base, path.substring(1), contentType, body, headers.get()));
        }

        Answer send(JsonNode body) {
            return Answer.of(() -> client.send(body));
        }
    }

    @FunctionalInterface
    private interface BodySender {
        ApiResponse<?> send(JsonNode body) throws ApiException;
    }

    /**
     * One way to break a field: the JSON text of the value that replaces the valid one (given that
     * value), sent through the generated client when it can express it.
     */
    private record Mutation(String label, Function<JsonNode, String> value, boolean viaClient, int status, String code,
                            boolean requiredFieldsOnly) {
    }

    private record Case(String name, int status, String code, boolean viaClient, String mustNotEcho, Supplier<Answer> send) {
    }

    @Inject
    BillingTable table;

    private CapturedLogs logs;
    private final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private URI base() {
        return URI.create(server.getURL() + "/");
    }

    private static Mutation client(String label, String json) {
        return client(label, json, 400, INVALID);
    }

    private static Mutation client(String label, String json, int status, String code) {
        return new Mutation(label, current -> json, true, status, code, false);
    }

    private static Mutation raw(String label, String json) {
        return new Mutation(label, current -> json, false, 400, INVALID, false);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Field-specific breakage: ranges, currencies, lengths, and values of the wrong JSON type. */
    private static Map<String, List<Mutation>> fieldMutations() {
        String longId = quoted("pm_" + "x".repeat(253));
        Map<String, List<Mutation>> m = new LinkedHashMap<>();
        m.put("amount", List.of(client("negative", "-1"), client("zero", "0"), client("100,000,000 (> 99,999,999)", "100000000"),
                client("Long.MAX_VALUE", String.valueOf(Long.MAX_VALUE)), raw("fractional 12.5", "12.5"), raw("12.0", "12.0"),
                raw("exponent 1e3", "1e3"), raw("Long.MAX_VALUE + 1", "9223372036854775808"), raw("1e400", "1e400"),
                raw("the string \"12\"", "\"12\""), raw("true", "true")));
        m.put("currency", List.of(client("eur", "\"eur\"", 400, "unsupported_currency"), client("USD", "\"USD\""),
                client("xx", "\"xx\""), client("empty", "\"\""), raw("the number 840", "840")));
        m.put("description", List.of(client("501 characters", quoted("d".repeat(501))), client("empty", "\"\""),
                raw("a number", "12")));
        m.put("settled", List.of(raw("the string \"false\"", "\"false\""), raw("0", "0"), raw("1", "1")));
        m.put("enabled", List.of(raw("the string \"true\"", "\"true\""), raw("1", "1"), raw("0", "0"), raw("\"yes\"", "\"yes\"")));
        m.put("paymentMethodId", List.of(client("256 characters", longId), client("empty", "\"\""), raw("a number", "123")));
        m.put("paymentMethodIds", List.of(client("an id of 256 characters", "[" + longId + "]"), client("empty list", "[]"),
                client("101 ids", IntStream.range(0, 101).mapToObj(i -> quoted("pm_" + i)).collect(Collectors.joining(",", "[", "]"))),
                new Mutation("the same id twice", current -> "[" + current.get(0) + "," + current.get(0) + "]", true, 422,
                        "priority_list_mismatch", false),
                new Mutation("a string, not a list", current -> current.get(0).toString(), false, 400, INVALID, false),
                raw("[123]", "[123]"), raw("[null]", "[null]")));
        return m;
    }

    /** Breakage that applies to any field. */
    private static List<Mutation> anyFieldMutations() {
        return List.of(
                new Mutation("wrapped in an array", current -> "[" + current + "]", false, 400, INVALID, false),
                new Mutation("wrapped in an object", current -> "{\"value\":" + current + "}", false, 400, INVALID, false),
                new Mutation("null", current -> "null", false, 400, INVALID, true));
    }

    private List<Endpoint> endpoints(LoginResponse login, String method) {
        Supplier<Map<String, String>> session = () -> Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken());
        Supplier<Map<String, String>> sessionAndKey = () -> Map.of("X-SESSION-ID", login.getSessionId(),
                "Authorization", "Bearer " + login.getToken(), "Idempotency-Key", UUID.randomUUID().toString());
        Supplier<Map<String, String>> serviceKey = () -> Map.of("Authorization", "Bearer " + Leaks.SERVICE_KEY,
                "Idempotency-Key", UUID.randomUUID().toString());
        ObjectNode charge = object(Map.of("amount", 1200, "currency", "usd", "description", "Extra seats", "settled", true));
        PaymentsApi payments = new PaymentsApi(as(login));
        PaymentMethodsApi methods = new PaymentMethodsApi(as(login));
        return List.of(
                new Endpoint("dev add-charge", base(), "/api/billing/_dev/add-charge", session, charge, Set.of("amount", "description"),
                        body -> new DevApi(as(login)).devAddChargeWithHttpInfo(model(body, ChargeRequest.class))),
                new Endpoint("internal charge", base(), "/api/internal/accounts/" + login.getAccountId() + "/charges", serviceKey, charge,
                        Set.of("amount", "description"), body -> internal().postInternalChargeWithHttpInfo(login.getAccountId(),
                        UUID.randomUUID().toString(), model(body, ChargeRequest.class))),
                new Endpoint("charge-once", base(), "/api/billing/charge-once", sessionAndKey,
                        object(Map.of("paymentMethodId", method, "amount", 1200, "currency", "usd", "description", "Extra seats")),
                        Set.of("paymentMethodId", "amount", "description"),
                        body -> payments.chargeOnceWithHttpInfo(UUID.randomUUID().toString(), model(body, ChargeOnceRequest.class))),
                new Endpoint("checkout_session", base(), "/api/billing/checkout_session", session, object(Map.of("amount", 1200, "currency", "usd")),
                        Set.of(), body -> payments.createCheckoutSessionWithHttpInfo(model(body, CheckoutSessionRequest.class))),
                new Endpoint("pay-balance", base(), "/api/billing/pay-balance", session, object(Map.of("paymentMethodId", method)), Set.of(),
                        body -> payments.payBalanceWithHttpInfo(null, model(body, PayBalanceRequest.class))),
                new Endpoint("autopay", base(), "/api/billing/autopay", session, object(Map.of("enabled", true)), Set.of("enabled"),
                        body -> new SettingsApi(as(login)).setAutopayWithHttpInfo(model(body, AutopayRequest.class))),
                new Endpoint("payment-methods/priority", base(), "/api/billing/payment-methods/priority", session,
                        object(Map.of("paymentMethodIds", List.of(method))), Set.of("paymentMethodIds"),
                        body -> methods.setPaymentMethodPriorityWithHttpInfo(model(body, PaymentMethodPriorityRequest.class))),
                new Endpoint("payment-methods/default", base(), "/api/billing/payment-methods/default", session,
                        object(Map.of("paymentMethodId", method)), Set.of("paymentMethodId"),
                        body -> methods.setDefaultPaymentMethodWithHttpInfo(model(body, DefaultPaymentMethodRequest.class))));
    }

    private InternalApi internal() {
        return new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + Leaks.SERVICE_KEY)));
    }

    private static ObjectNode object(Map<String, Object> fields) {
        return JSON.valueToTree(new java.util.TreeMap<>(fields));
    }

    private <T> T model(JsonNode body, Class<T> type) {
        try {
            return anonymous().getObjectMapper().treeToValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the generated client cannot express " + body, e);
        }
    }

    private List<Case> cases(List<Endpoint> endpoints, LoginResponse login) {
        List<Case> cases = new ArrayList<>();
        Map<String, List<Mutation>> byField = fieldMutations();
        for (Endpoint e : endpoints) {
            e.template().fieldNames().forEachRemaining(field -> {
                List<Mutation> mutations = new ArrayList<>(byField.getOrDefault(field, List.of()));
                mutations.addAll(anyFieldMutations());
                for (Mutation m : mutations) {
                    if (m.requiredFieldsOnly() && !e.required().contains(field)) {
                        continue; // an optional field may be null: the documented default applies
                    }
                    cases.add(fieldCase(e, field, m));
                }
            });
            cases.addAll(framingCases(e));
        }
        cases.addAll(headerAndPathCases(login));
        return cases;
    }

    private Case fieldCase(Endpoint e, String field, Mutation m) {
        String value = m.value().apply(e.template().get(field));
        String marker = "\"__value__\"";
        String body = e.template().deepCopy().put(field, "__value__").toString().replace(marker, value);
        String name = e.name() + " " + field + ": " + m.label();
        String echo = value.length() >= 16 ? value.replace("\"", "") : null;
        Supplier<Answer> send = m.viaClient() ? () -> e.send(readTree(body)) : () -> e.raw("application/json", body);
        return new Case(name, m.status(), m.code(), m.viaClient(), echo, send);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The body as a whole: content types, broken or misshapen JSON, no body, too large a body. */
    private static List<Case> framingCases(Endpoint e) {
        String valid = e.template().toString();
        List<Case> cases = new ArrayList<>();
        cases.add(rawCase(e, "as text/plain", 415, "unsupported_media_type", "text/plain", valid));
        cases.add(rawCase(e, "as a form", 415, "unsupported_media_type", "application/x-www-form-urlencoded", "amount=1200&enabled=true"));
        cases.add(rawCase(e, "invalid JSON", 400, INVALID, "application/json", valid.substring(0, valid.length() - 1)));
        cases.add(rawCase(e, "a JSON array of the request", 400, INVALID, "application/json", "[" + valid + "]"));
        cases.add(rawCase(e, "a JSON number", 400, INVALID, "application/json", "42"));
        if (e.bodyRequired()) {
            cases.add(rawCase(e, "empty body", 400, INVALID, "application/json", ""));
            cases.add(rawCase(e, "JSON null", 400, INVALID, "application/json", "null"));
        }
        String padded = e.template().deepCopy().put("padding", "x".repeat(SERVER_MAX_BODY)).toString();
        cases.add(rawCase(e, "over 1 MB", 413, "payload_too_large", "application/json", padded));
        return cases;
    }

    private static Case rawCase(Endpoint e, String label, int status, String code, String contentType, String body) {
        return new Case(e.name() + " body: " + label, status, code, false, null, () -> e.raw(contentType, body));
    }

    private List<Case> headerAndPathCases(LoginResponse login) {
        String account = login.getAccountId();
        String longKey = "k".repeat(256);
        ChargeRequest charge = new ChargeRequest().amount(1200L).description("Extra seats");
        PaymentsApi payments = new PaymentsApi(as(login));
        List<Case> cases = new ArrayList<>();
        cases.add(clientCase("internal charge Idempotency-Key: 256 characters", longKey,
                () -> internal().postInternalChargeWithHttpInfo(account, longKey, charge)));
        cases.add(clientCase("internal charge Idempotency-Key: with a space", null,
                () -> internal().postInternalChargeWithHttpInfo(account, "two words", charge)));
        cases.add(clientCase("internal charge account id: 65 characters", null,
                () -> internal().postInternalChargeWithHttpInfo("a".repeat(65), UUID.randomUUID().toString(), charge)));
        // The path is the problem's "instance", so a long id in it is shown back: not checked for echoes.
        cases.add(clientCase("internal charge account id: 256 characters", null,
                () -> internal().postInternalChargeWithHttpInfo("a".repeat(256), UUID.randomUUID().toString(), charge)));
        cases.add(new Case("internal charge Idempotency-Key: missing", 400, INVALID, false, null,
                () -> Answer.of(RawHttp.post(base(), "api/internal/accounts/" + account + "/charges", "application/json",
                        "{\"amount\":1200,\"description\":\"Extra seats\"}", Map.of("Authorization", "Bearer " + Leaks.SERVICE_KEY)))));
        // Without a key a retried charge-once could charge twice: it is refused, and nothing is charged.
        cases.add(new Case("charge-once Idempotency-Key: missing", 400, INVALID, false, null,
                () -> Answer.of(RawHttp.post(base(), "api/billing/charge-once", "application/json",
                        "{\"paymentMethodId\":\"pm_1\",\"amount\":1200,\"description\":\"Extra seats\"}",
                        Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken())))));
        cases.add(clientCase("charge-once Idempotency-Key: 256 characters", longKey,
                () -> payments.chargeOnceWithHttpInfo(longKey, new ChargeOnceRequest().paymentMethodId("pm_1").amount(1200L).description("x"))));
        cases.add(clientCase("pay-balance Idempotency-Key: 256 characters", longKey,
                () -> payments.payBalanceWithHttpInfo(longKey, null)));
        cases.add(clientCase("pay-balance Idempotency-Key: with a space", null,
                () -> payments.payBalanceWithHttpInfo("two words", null)));
        return cases;
    }

    private static Case clientCase(String name, String mustNotEcho, Answer.ClientCall call) {
        return new Case(name, 400, INVALID, true, mustNotEcho, () -> Answer.of(call));
    }

    /** An account with an active bank account, a balance due and the methods' order: what the cases try to change. */
    private LoginResponse accountWithMoneyOwed() throws Exception {
        LoginResponse login = signupAndLogin();
        tokens.add(login.getToken());
        addBankAccount(login);
        addCharge(login, 1500);
        return login;
    }

    private String methodOf(LoginResponse login) throws ApiException {
        return new PaymentMethodsApi(as(login)).listPaymentMethods().getData().get(0).getId();
    }

    /** What the account looks like through the API. */
    private List<Object> accountView(LoginResponse login) throws ApiException {
        return List.of(new LedgerApi(as(login)).getBalance(), allEntries(login), new PaymentsApi(as(login)).listPayments(100, null),
                new SettingsApi(as(login)).getSettings(), new PaymentMethodsApi(as(login)).listPaymentMethods());
    }

    @Test
    void malformedMoneyRequestsAreRefusedAndWriteNothing() throws Exception {
        LoginResponse login = accountWithMoneyOwed();
        List<Object> viewBefore = accountView(login);
        List<Endpoint> endpoints = endpoints(login, methodOf(login));
        List<Case> cases = cases(endpoints, login);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            TableSnapshot before = TableSnapshot.of(table);
            int stripeCalls = proxy.count("");
            Answer answer = c.send().get();
            check(c, answer, TableSnapshot.of(table).changesSince(before), proxy.count("") - stripeCalls, failures);
        }
        long viaClient = cases.stream().filter(Case::viaClient).count();
        System.out.printf("InputHardeningIT: %d malformed requests to %d money endpoints (%d via the generated client, %d raw): "
                + "%d failures; %d log lines checked%n", cases.size(), endpoints.size(), viaClient,
                cases.size() - viaClient, failures.size(), logs.lines().size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n" + String.join("\n", failures));
        assertEquals(viewBefore, accountView(login), "balance, ledger, payments, settings and methods are unchanged");
        logs.assertClean(tokens);
    }

    private void check(Case c, Answer answer, List<String> writes, int stripeCalls, List<String> failures) {
        String name = "[" + c.name() + "] ";
        if (answer.status() != c.status() || !answer.isProblem() || !c.code().equals(answer.code())) {
            failures.add(name + "expected " + c.status() + " " + c.code() + " problem+json, got " + answer.summary());
        }
        if (!writes.isEmpty()) {
            failures.add(name + "wrote " + writes);
        }
        if (stripeCalls != 0) {
            failures.add(name + "called Stripe " + stripeCalls + " times");
        }
        Leaks.inResponse(answer.body(), tokens).forEach(leak -> failures.add(name + "response contains " + leak));
        if (c.mustNotEcho() != null && answer.body().contains(c.mustNotEcho())) {
            failures.add(name + "response quotes the rejected value");
        }
    }

    @Test
    void theRequestsTheCasesBreakAreAccepted() throws Exception {
        LoginResponse login = accountWithMoneyOwed();
        debitsStayProcessing();
        for (Endpoint e : endpoints(login, methodOf(login))) {
            addCharge(login, 700); // so that pay-balance has something due each time
            Answer raw = e.raw("application/json", e.template().toString());
            assertTrue(raw.status() / 100 == 2, () -> e.name() + " as raw JSON: " + raw.summary());
            addCharge(login, 700);
            Answer viaClient = e.send(e.template());
            assertTrue(viaClient.status() / 100 == 2, () -> e.name() + " through the client: " + viaClient.summary());
        }
        logs.assertClean(tokens);
    }
}
