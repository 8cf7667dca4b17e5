package dev.ledgerline.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.ConfigApi;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.DocumentsApi;
import dev.ledgerline.client.api.AuditApi;
import dev.ledgerline.client.api.EventDeliveriesApi;
import dev.ledgerline.client.api.EventsApi;
import dev.ledgerline.client.api.WebhookEndpointsApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.ReconciliationApi;
import dev.ledgerline.client.api.RefundsApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.api.SubscriptionsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.RefundRequest;
import dev.ledgerline.client.model.ReversalRequest;
import dev.ledgerline.client.model.CheckoutSessionRequest;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PayBalanceRequest;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.PaymentMethodPriorityRequest;
import dev.ledgerline.client.model.PaymentPage;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SessionInfo;
import dev.ledgerline.client.model.Settings;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.client.model.Subscription;
import dev.ledgerline.client.model.VerifyMicrodepositsRequest;
import dev.ledgerline.client.model.WebhookEndpointRequest;
import dev.ledgerline.client.model.WebhookEndpointUpdate;
import dev.ledgerline.security.Endpoint.Guard;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ledgerline.security.Endpoint.OK;
import static dev.ledgerline.security.Endpoint.noContent;
import static dev.ledgerline.security.Endpoint.open;
import static dev.ledgerline.security.Endpoint.serviceKey;
import static dev.ledgerline.security.Endpoint.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of openapi/billing.yaml, called by an attacking account with
 * every wrong credential (and with its own, aimed at a victim account's ids), answers the right
 * 401/404/422; no answer and no Stripe request carries anything of the victim's, and the victim's
 * balance, ledger, payments, payment methods, settings, subscriptions and session are unchanged.
 * A new operation fails {@link #everyOperationOfTheSpecHasARow} until it gets its row.
 */
@MicronautTest
class AuthorizationMatrixIT extends StripeMockProxyTestSupport {

    private static final Pattern OPERATION_ID = Pattern.compile("operationId:\\s*(\\w+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A credential the attacking account presents, and the guard it satisfies (null: none). */
    private record Variant(String name, @Nullable Guard accepts, Duration clockShift, ClientSource client) {
    }

    @FunctionalInterface
    private interface ClientSource {
        ApiClient get() throws ApiException;
    }

    /** The account under attack, with something in every part of it. */
    private record Victim(LoginResponse login, String card, String bankSetupIntent, String pendingEntry, String idempotencyKey,
                          String ledgerCursor, String paymentsCursor, String payment) {
    }

    private record Snapshot(Balance balance, List<LedgerEntry> ledger, List<Payment> payments, List<PaymentMethod> methods,
                            Settings settings, List<Subscription> subscriptions, SessionInfo session) {
    }

    private int cases;
    private final List<String> failures = new ArrayList<>();
    private List<String> victimSecrets = List.of();

    /** Every operation of openapi/billing.yaml, each called once per credential; a new endpoint is one line here. */
    private List<Endpoint> endpoints(Victim victim, LoginResponse attacker) {
        String attackerAccount = attacker.getAccountId();
        return List.of(
                open("signup", OK, (c, id) -> new AuthApi(c).signup(new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("Matrix"))),
                open("login", OK, (c, id) -> new AuthApi(c).login(new LoginRequest().email(emailOf(attacker)).password(PASSWORD))),
                open("receiveStripeWebhook", 400, (c, id) -> new StripeWebhooksApi(c).receiveStripeWebhook("{}", null)),
                session("getSession", OK, (c, id) -> new AuthApi(c).getSession()),
                session("getBillingConfig", OK, (c, id) -> new ConfigApi(c).getBillingConfig()),
                session("getSettings", OK, (c, id) -> new SettingsApi(c).getSettings()),
                session("setAutopay", OK, (c, id) -> new SettingsApi(c).setAutopay(new AutopayRequest().enabled(false))),
                session("getBalance", OK, (c, id) -> new LedgerApi(c).getBalance()),
                session("createCardSetupIntent", OK, (c, id) -> new PaymentMethodsApi(c).createCardSetupIntent()),
                session("createUsBankSetupIntent", OK, (c, id) -> new PaymentMethodsApi(c).createUsBankSetupIntent()),
                session("verifyMicrodeposits", 404, victim.bankSetupIntent(), (c, id) -> new PaymentMethodsApi(c).verifyMicrodeposits(
                        new VerifyMicrodepositsRequest().setupIntentId(id).amounts(List.of(32L, 45L)))),
                session("listPaymentMethods", OK, (c, id) -> new PaymentMethodsApi(c).listPaymentMethods()),
                session("setPaymentMethodPriority", 422, victim.card(), (c, id) -> new PaymentMethodsApi(c).setPaymentMethodPriority(
                        new PaymentMethodPriorityRequest().paymentMethodIds(List.of(id)))),
                session("setDefaultPaymentMethod", 404, victim.card(), (c, id) -> new PaymentMethodsApi(c).setDefaultPaymentMethod(
                        new DefaultPaymentMethodRequest().paymentMethodId(id))),
                session("deletePaymentMethod", 404, victim.card(), (c, id) -> noContent(() -> new PaymentMethodsApi(c).deletePaymentMethod(id))),
                session("payBalance", 404, victim.card(), (c, id) -> new PaymentsApi(c).payBalance(victim.idempotencyKey(),
                        new PayBalanceRequest().paymentMethodId(id))),
                session("chargeOnce", 404, victim.card(), (c, id) -> new PaymentsApi(c).chargeOnce(victim.idempotencyKey(), new ChargeOnceRequest().paymentMethodId(id).amount(500L).description("Matrix"))),
                session("createCheckoutSession", OK, (c, id) -> new PaymentsApi(c).createCheckoutSession(new CheckoutSessionRequest().amount(300L))),
                session("listLedger", OK, victim.ledgerCursor(), (c, id) -> new LedgerApi(c).listLedger(1, id)),
                session("listPayments", OK, victim.paymentsCursor(), (c, id) -> new PaymentsApi(c).listPayments(1, id)),
                session("listSubscriptions", OK, (c, id) -> new SubscriptionsApi(c).listSubscriptions()),
                session("refreshSetupIntent", 404, victim.bankSetupIntent(), (c, id) -> new PaymentMethodsApi(c).refreshSetupIntent(id)),
                session("refreshPayment", 404, victim.payment(), (c, id) -> new PaymentsApi(c).refreshPayment(id)),
                session("startPaymentConfirmation", 404, victim.payment(), (c, id) -> new PaymentsApi(c).startPaymentConfirmation(id)),
                session("getPaymentReceipt", 404, victim.payment(), (c, id) -> new DocumentsApi(c).getPaymentReceipt(id)),
                session("listStatements", OK, (c, id) -> new DocumentsApi(c).listStatements()),
                // The attacker's own statement of this month: the victim's entries must not be in it (the snapshot check).
                session("getStatement", OK, (c, id) -> new DocumentsApi(c).getStatement(
                        java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString())),
                session("devAddCharge", OK, (c, id) -> new DevApi(c).devAddCharge(new ChargeRequest().amount(100L).description("Matrix"))),
                serviceKey("postInternalCharge", OK, (c, id) -> new InternalApi(c).postInternalCharge(attackerAccount, "matrix-" + UUID.randomUUID(),
                        new ChargeRequest().amount(100L).description("Matrix"))),
                serviceKey("settleInternalCharge", 404, victim.pendingEntry(), (c, id) -> new InternalApi(c).settleInternalCharge(attackerAccount, id)),
                serviceKey("getInternalBalance", OK, (c, id) -> new InternalApi(c).getInternalBalance(attackerAccount)),
                serviceKey("reconcileAccount", OK, (c, id) -> new ReconciliationApi(c).reconcileAccount(attackerAccount, true)),
                serviceKey("runReconciliation", OK, (c, id) -> new ReconciliationApi(c).runReconciliation(true)),
                serviceKey("getLatestReconciliation", OK, (c, id) -> new ReconciliationApi(c).getLatestReconciliation()),
                serviceKey("postInternalCredit", OK, (c, id) -> new InternalApi(c).postInternalCredit(attackerAccount, "matrix-" + UUID.randomUUID(),
                        new CreditRequest().amount(100L).reason("Matrix"))),
                serviceKey("reverseInternalCharge", 404, victim.pendingEntry(), (c, id) -> new InternalApi(c).reverseInternalCharge(attackerAccount, id,
                        new ReversalRequest().reason("Matrix"))),
                serviceKey("listAccountEvents", OK, (c, id) -> new EventsApi(c).listAccountEvents(attackerAccount, 100, 0L)),
                serviceKey("listEvents", OK, (c, id) -> new EventsApi(c).listEvents(1, null, null)),
                serviceKey("listAccountAudit", OK, (c, id) -> new AuditApi(c).listAccountAudit(attackerAccount, 100, null)),
                serviceKey("listAudit", OK, (c, id) -> new AuditApi(c).listAudit(1, null, null)),
                // A service key may refund any account's payment by design; an unknown payment is a 404 and moves nothing.
                serviceKey("createRefund", 404, (c, id) -> new RefundsApi(c).createRefund("pay_matrixnosuchpayment", "matrix-" + UUID.randomUUID(),
                        new RefundRequest().reason("Matrix"))),
                serviceKey("listEventDeliveries", OK, (c, id) -> new EventDeliveriesApi(c).listEventDeliveries(attackerAccount, 1L)),
                serviceKey("redeliverEvent", OK, (c, id) -> new EventDeliveriesApi(c).redeliverEvent(attackerAccount, 1L)),
                serviceKey("createWebhookEndpoint", OK, (c, id) -> new WebhookEndpointsApi(c).createWebhookEndpoint(
                        new WebhookEndpointRequest().url("https://host.example.com/ledgerline/events"))),
                serviceKey("listWebhookEndpoints", OK, (c, id) -> new WebhookEndpointsApi(c).listWebhookEndpoints()),
                serviceKey("getWebhookEndpoint", 404, (c, id) -> new WebhookEndpointsApi(c).getWebhookEndpoint(NO_ENDPOINT)),
                serviceKey("updateWebhookEndpoint", 404, (c, id) -> new WebhookEndpointsApi(c).updateWebhookEndpoint(NO_ENDPOINT,
                        new WebhookEndpointUpdate().enabled(false))),
                serviceKey("deleteWebhookEndpoint", 404, (c, id) -> noContent(() -> new WebhookEndpointsApi(c).deleteWebhookEndpoint(NO_ENDPOINT))),
                serviceKey("rotateWebhookEndpointSecret", 404, (c, id) -> new WebhookEndpointsApi(c).rotateWebhookEndpointSecret(NO_ENDPOINT)),
                // Last: were a credential wrongly accepted, logging out would hide that from the rows after it.
                session("logout", OK, (c, id) -> noContent(() -> new AuthApi(c).logout())));
    }

    /** Each credential the attacker tries; all but the last two are refused by every guard. */
    private List<Variant> variants(LoginResponse victim, LoginResponse attacker) throws ApiException {
        LoginResponse expiring = relogin(attacker);
        LoginResponse loggedOut = relogin(attacker);
        new AuthApi(as(loggedOut)).logout();
        String sessionId = attacker.getSessionId();
        String token = attacker.getToken();
        return List.of(
                refused("no credentials", this::anonymous),
                refused("token without session id", () -> headers(null, "Bearer " + token)),
                refused("session id without token", () -> headers(sessionId, null)),
                refused("wrong token", () -> headers(sessionId, "Bearer " + lookalike(token))),
                refused("token under another scheme", () -> headers(sessionId, "Basic " + token)),
                new Variant("expired session", null, Duration.ofHours(12).plusSeconds(1), () -> as(expiring)),
                refused("logged-out session", () -> as(loggedOut)),
                refused("victim's session id, own token", () -> headers(victim.getSessionId(), "Bearer " + token)),
                refused("own session id, victim's token", () -> headers(sessionId, "Bearer " + victim.getToken())),
                refused("wrong service key", () -> headers(null, "Bearer " + lookalike(SERVICE_KEY))),
                refused("service key without Bearer", () -> headers(null, SERVICE_KEY)),
                new Variant("service key, with own session id", Guard.SERVICE_KEY, Duration.ZERO, () -> headers(sessionId, "Bearer " + SERVICE_KEY)),
                // A fresh session per call, so that logging out does not end the attacker's run.
                new Variant("own session, victim's ids", Guard.SESSION, Duration.ZERO, () -> as(relogin(attacker))));
    }

    @Test
    void everyOperationOfTheSpecHasARow() throws IOException {
        Victim placeholder = new Victim(new LoginResponse(), "pm_x", "seti_x", "chg_x", "k", "c", "c", "pay_x");
        Set<String> rows = endpoints(placeholder, new LoginResponse()).stream().map(Endpoint::operationId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operationIdsOfTheSpec(), rows);
    }

    /**
     * Operations of the host's key over every account (reconciling the whole service, the global
     * event feed and audit log): their Stripe requests and answers name every account's objects by
     * design, so only their guard is checked here.
     */
    private static final Set<String> SERVICE_WIDE = Set.of("runReconciliation", "listEvents", "listAudit", "createWebhookEndpoint",
            "listWebhookEndpoints", "getWebhookEndpoint", "updateWebhookEndpoint", "deleteWebhookEndpoint", "rotateWebhookEndpointSecret");

    /** The host's endpoints belong to no account; an id nobody registered is a 404 for the host's key. */
    private static final String NO_ENDPOINT = "we_nosuchendpoint0000000";
    private final List<String> serviceWide = new ArrayList<>();

    @Test
    void noCredentialButTheRightOneIsAcceptedAndNoAccountReachesAnother() throws Exception {
        Victim victim = victimWithData();
        LoginResponse attacker = signupAndLogin();
        addCharge(attacker, 700); // something due, so pay-balance gets as far as looking at the method
        List<Endpoint> endpoints = endpoints(victim, attacker);
        List<Variant> variants = variants(victim.login(), attacker);

        Snapshot before = snapshot(victim.login());
        victimSecrets = secretsOf(victim, before);
        int stripeMark = proxy.requests().size();
        for (Variant variant : variants) {
            clock.advance(variant.clockShift());
            try {
                for (Endpoint endpoint : endpoints) {
                    int mark = proxy.requests().size();
                    check(variant, endpoint);
                    if (SERVICE_WIDE.contains(endpoint.operationId())) {
                        serviceWide.addAll(proxy.requests().subList(mark, proxy.requests().size()));
                    }
                }
            } finally {
                clock.reset();
            }
        }

        assertEquals(before, snapshot(victim.login()), "the victim's account is unchanged and its session still works");
        List<String> stripeRequests = new ArrayList<>(proxy.requests().subList(stripeMark, proxy.requests().size()));
        serviceWide.forEach(stripeRequests::remove);
        stripeRequests.forEach(request -> secretIn(request).ifPresent(secret ->
                failures.add("a Stripe request mentions the victim's " + secret + ": " + request)));
        System.out.printf("Authorization matrix: %d cases (%d operations x %d credentials, plus look-alike ids), "
                + "%d Stripe requests checked, %d failures%n", cases, endpoints.size(), variants.size(), stripeRequests.size(), failures.size());
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures:\n" + String.join("\n", failures));
    }

    private void check(Variant variant, Endpoint endpoint) throws ApiException {
        int expected = endpoint.expectedWith(variant.accepts());
        String label = endpoint.operationId() + " with " + variant.name();
        Problem foreign = request(label, expected, endpoint, variant.client().get(), endpoint.foreignId());
        if (foreign == null || endpoint.foreignId() == null || endpoint.guard() != variant.accepts()) {
            return;
        }
        // Another account's id must get the answer an id nobody owns gets: no hint that it exists.
        Problem unknown = request(label + " (look-alike id)", expected, endpoint, variant.client().get(), lookalike(endpoint.foreignId()));
        if (unknown != null && !(Objects.equals(foreign.getCode(), unknown.getCode()) && Objects.equals(foreign.getDetail(), unknown.getDetail()))) {
            failures.add(label + ": answers another account's id (" + foreign.getCode() + ": " + foreign.getDetail()
                    + ") unlike an unknown one (" + unknown.getCode() + ": " + unknown.getDetail() + ")");
        }
    }

    /** One request of the matrix; a failed expectation is collected, so one run shows every hole. */
    @Nullable
    private Problem request(String label, int expected, Endpoint endpoint, ApiClient client, @Nullable String id) {
        cases++;
        try {
            Object answer;
            try {
                answer = endpoint.call().call(client, id);
            } catch (ApiException refused) {
                Problem problem = expectProblem(expected, () -> {
                    throw refused;
                });
                if (expected == 401) {
                    assertEquals("unauthorized", problem.getCode());
                }
                assertNothingOfTheVictim(withoutInstance(refused.getResponseBody()));
                return problem;
            }
            assertTrue(expected < 300, "expected HTTP " + expected + " but the call succeeded");
            if (!SERVICE_WIDE.contains(endpoint.operationId())) {
                // The service-wide listings (every account's events and audit) name other accounts by design.
                assertNothingOfTheVictim(anonymous().getObjectMapper().writeValueAsString(answer));
            }
        } catch (AssertionError | IOException failure) {
            failures.add(label + ": " + failure.getMessage());
        }
        return null;
    }

    private void assertNothingOfTheVictim(String body) {
        secretIn(body).ifPresent(secret -> {
            throw new AssertionError("the answer carries the victim's " + secret + ": " + body);
        });
    }

    private Optional<String> secretIn(String text) {
        return victimSecrets.stream().filter(text::contains).findFirst();
    }

    /** The problem without {@code instance}, which repeats the request path (and so the id the caller sent). */
    private String withoutInstance(String body) throws IOException {
        JsonNode tree = anonymous().getObjectMapper().readTree(body);
        if (tree instanceof ObjectNode object) {
            object.remove("instance");
        }
        return tree.toString();
    }

    private Variant refused(String name, ClientSource client) {
        return new Variant(name, null, Duration.ZERO, client);
    }

    private ApiClient headers(@Nullable String sessionId, @Nullable String authorization) {
        Map<String, String> headers = new HashMap<>();
        if (sessionId != null) {
            headers.put("X-SESSION-ID", sessionId);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return withHeaders(headers);
    }

    /**
     * The same prefix ({@code pm_}, {@code seti_}, ...) and length, the rest random, and never the
     * original: an id nobody owns. A session token has no prefix but may hold '_' (it is base64url):
     * taken for a prefix, a '_' near its end left one random character, and one call in about 60
     * sent the real token back (CI once saw "wrong token" accepted that way).
     */
    private static String lookalike(String id) {
        java.util.regex.Matcher prefixed = java.util.regex.Pattern.compile("^[a-z]{2,5}_").matcher(id);
        int prefix = prefixed.find() ? prefixed.end() : 0;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String out;
        do {
            StringBuilder built = new StringBuilder(id.substring(0, prefix));
            for (int i = prefix; i < id.length(); i++) {
                built.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            out = built.toString();
        } while (out.equals(id));
        return out;
    }

    /** A card and a bank account, a pending setup, charges settled and pending, a debit in flight, a Checkout, autopay, a subscription. */
    private Victim victimWithData() throws Exception {
        LoginResponse victim = signupAndLogin();
        addBankAccount(victim);
        String card = addCard(victim);
        String bankSetupIntent = new PaymentMethodsApi(as(victim)).createUsBankSetupIntent().getSetupIntentId();
        addCharge(victim, 2500);
        debitsStayProcessing();
        String idempotencyKey = "matrix-" + UUID.randomUUID();
        new PaymentsApi(as(victim)).payBalance(idempotencyKey, null);
        proxy.clearRewrites();
        addCharge(victim, 1200);
        String pendingEntry = new InternalApi(headers(null, "Bearer " + SERVICE_KEY)).postInternalCharge(victim.getAccountId(),
                "matrix-usage", new ChargeRequest().amount(800L).description("Usage").settled(false)).getId();
        new PaymentsApi(as(victim)).createCheckoutSession(new CheckoutSessionRequest().amount(1000L));
        new SettingsApi(as(victim)).setAutopay(new AutopayRequest().enabled(true));
        deliver("customer.subscription.created", StripeObjects.of(StripeEvents.stripeMock().v1().subscriptions().retrieve("sub_x")
                .getLastResponse().body()).set("id", "sub_victim" + UUID.randomUUID().toString().replace("-", ""))
                .set("customer", customerOf(victim)).set("status", "active").json());
        PaymentPage firstPayment = new PaymentsApi(as(victim)).listPayments(1, null);
        Victim prepared = new Victim(victim, card, bankSetupIntent, pendingEntry, idempotencyKey,
                new LedgerApi(as(victim)).listLedger(1, null).getNextCursor(), firstPayment.getNextCursor(),
                firstPayment.getData().get(0).getId());
        Snapshot snapshot = snapshot(victim);
        assertEquals(2, snapshot.methods().size());
        assertEquals(2, snapshot.payments().size());
        assertEquals(1, snapshot.subscriptions().size());
        assertTrue(snapshot.settings().getAutopayEnabled());
        assertTrue(snapshot.balance().getDue() > 0 && snapshot.balance().getPendingPayments() > 0 && snapshot.balance().getPendingCharges() > 0);
        assertNotNull(prepared.ledgerCursor());
        assertNotNull(prepared.paymentsCursor());
        return prepared;
    }

    private Snapshot snapshot(LoginResponse login) throws ApiException {
        ApiClient client = as(login);
        PaymentPage payments = new PaymentsApi(client).listPayments(100, null);
        assertEquals(null, payments.getNextCursor(), "one page holds them all");
        return new Snapshot(new LedgerApi(client).getBalance(), allEntries(login), payments.getData(),
                new PaymentMethodsApi(client).listPaymentMethods().getData(), new SettingsApi(client).getSettings(),
                new SubscriptionsApi(client).listSubscriptions().getData(), new AuthApi(client).getSession());
    }

    /** Strings that identify the victim or its data; none may reach the attacker or a Stripe request made for it. */
    private List<String> secretsOf(Victim victim, Snapshot snapshot) {
        LoginResponse login = victim.login();
        return Stream.of(
                        Stream.of(login.getAccountId(), login.getSessionId(), login.getToken(), emailOf(login), customerOf(login),
                                victim.bankSetupIntent(), victim.pendingEntry()),
                        snapshot.ledger().stream().map(LedgerEntry::getId),
                        snapshot.payments().stream().flatMap(p -> Stream.of(p.getId(), p.getStripePaymentIntentId())),
                        snapshot.methods().stream().map(PaymentMethod::getId),
                        snapshot.subscriptions().stream().map(Subscription::getId))
                .flatMap(s -> s).filter(Objects::nonNull).distinct().toList();
    }

    private static Set<String> operationIdsOfTheSpec() throws IOException {
        Matcher matcher = OPERATION_ID.matcher(Files.readString(Path.of("openapi/billing.yaml")));
        Set<String> ids = new TreeSet<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
