package dev.ledgerline.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.ReconciliationApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryStatus;
import dev.ledgerline.client.model.LedgerPage;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.WebhookAck;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.ReconciliationReport;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SignupRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the integration tests: they reach the running service only through the generated Java
 * client (sdk/java), exactly as another service would.
 */
public abstract class ApiTestSupport {

    public static final String PASSWORD = "correct-horse-battery-staple";

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected TestClock clock;

    public TestClock clock() {
        return clock;
    }

    /** Every account a test signed up, checked after the test: balance == sum(settled ledger entries). */
    private final List<String> signedUp = new CopyOnWriteArrayList<>();
    private final Map<String, String> emailByAccount = new java.util.concurrent.ConcurrentHashMap<>();

    /** The key application-test.yml configures for /api/internal/**. */
    public static final String SERVICE_KEY = "test-service-key-0123456789abcdef";

    /** The email a test user signed up with. */
    protected String emailOf(LoginResponse login) {
        return emailByAccount.get(login.getAccountId());
    }

    /** A fresh session for the same user (after a test moved the clock past the session's end). */
    public LoginResponse relogin(LoginResponse login) throws ApiException {
        return new AuthApi(anonymous()).login(new LoginRequest().email(emailOf(login)).password(PASSWORD));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterEach
    void ledgersStillAddUp() throws ApiException {
        List<String> accounts = List.copyOf(signedUp);
        signedUp.clear();
        for (String email : accounts) {
            LoginResponse login;
            try {
                login = new AuthApi(anonymous()).login(new LoginRequest().email(email).password(PASSWORD));
            } catch (ApiException lockedOut) {
                assertEquals(429, lockedOut.getCode(), "only a lock-out test may keep us from checking an account");
                continue;
            }
            assertLedgerAddsUp(login);
            EventOracle.assertEventsTell(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)), as(login),
                    login.getAccountId(), allEntries(login));
            if (reconcilesAfterEachTest() && !leftForAPerson.remove(login.getAccountId())) {
                assertReconciled(login);
            }
        }
    }

    /** Accounts a test left with a difference only a person may settle (the after-test reconciliation skips them). */
    private final java.util.Set<String> leftForAPerson = java.util.concurrent.ConcurrentHashMap.newKeySet();

    protected void leaveForAPerson(LoginResponse login) {
        leftForAPerson.add(login.getAccountId());
    }

    /** Whether every account a test signed up must reconcile with Stripe after the test (where the tests' Stripe keeps state). */
    protected boolean reconcilesAfterEachTest() {
        return false;
    }

    /** The service's reconciliation of the account with Stripe (through the host's service key), applying what is safe. */
    protected ReconciliationReport reconcile(LoginResponse login, boolean dryRun) throws ApiException {
        return new ReconciliationApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)))
                .reconcileAccount(login.getAccountId(), dryRun);
    }

    /**
     * The oracle of the money tests: the ledger adds up, and reconciliation finds nothing in which
     * the account's payments, refunds and disputes differ from what Stripe reports.
     */
    protected void assertReconciled(LoginResponse login) throws ApiException {
        assertLedgerAddsUp(login);
        ReconciliationReport report = reconcile(login, true);
        assertEquals(List.of(), report.getDiscrepancies(), "reconciliation with Stripe");
        assertEquals(0, report.getUnresolved());
    }


    /** The balance row equals the sums of the ledger read through the API, page by page. */
    protected void assertLedgerAddsUp(LoginResponse login) throws ApiException {
        LedgerApi ledger = new LedgerApi(as(login));
        Balance balance = ledger.getBalance();
        long settled = 0;
        long pending = 0;
        for (LedgerEntry entry : allEntries(login)) {
            if (entry.getStatus() == LedgerEntryStatus.SETTLED) {
                settled += entry.getAmount();
            } else {
                pending += entry.getAmount();
            }
        }
        assertEquals(settled, balance.getBalance(), "balance == sum(settled entries) for " + login.getAccountId());
        assertEquals(pending, balance.getPendingCharges(), "pendingCharges == sum(pending entries) for " + login.getAccountId());
        assertEquals(Math.max(0, balance.getBalance() - balance.getPendingPayments()), balance.getDue());
    }

    /** The whole ledger, newest first, through the paged API. */
    protected List<LedgerEntry> allEntries(LoginResponse login) throws ApiException {
        LedgerApi ledger = new LedgerApi(as(login));
        List<LedgerEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            LedgerPage page = ledger.listLedger(100, cursor);
            entries.addAll(page.getData());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return entries;
    }

    /** The running service's address, for RawHttp (pages outside the API: /health, /prometheus). */
    protected java.net.URI baseUri() {
        try {
            return server.getURL().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that sends no credentials. */
    protected ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        return client;
    }

    /** A client that sends exactly these extra headers on every call. */
    protected ApiClient withHeaders(Map<String, String> headers) {
        ApiClient client = anonymous();
        client.setRequestInterceptor(builder -> headers.forEach(builder::header));
        return client;
    }

    /** A client acting as the logged-in user: X-SESSION-ID plus the bearer token. */
    public ApiClient as(LoginResponse login) {
        return withHeaders(Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken()));
    }

    /** The same, against another instance of the service (sessions live in the shared table). */
    public ApiClient as(LoginResponse login, java.net.URL instance) {
        ApiClient client = as(login);
        client.updateBaseUri(instance.toString());
        return client;
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    protected LoginResponse signupAndLogin() throws ApiException {
        return signupAndLogin("Test account");
    }

    protected LoginResponse signupAndLogin(String accountName) throws ApiException {
        String email = uniqueEmail();
        AuthApi auth = new AuthApi(anonymous());
        auth.signup(new SignupRequest().email(email).password(PASSWORD).accountName(accountName));
        signedUp.add(email);
        LoginResponse login = auth.login(new LoginRequest().email(email).password(PASSWORD));
        emailByAccount.put(login.getAccountId(), email);
        return login;
    }

    @FunctionalInterface
    public interface ApiCall {
        void call() throws ApiException;
    }

    public static final String WEBHOOK_SECRET = "whsec_test_ledgerline_0123456789";

    /** Delivers a Stripe event, signed with the service's webhook secret, as Stripe would. */
    public WebhookAck deliver(String eventId, String type, String objectJson, long created) throws ApiException {
        stripeNowSays(objectJson);
        return deliverSnapshot(eventId, type, objectJson, created);
    }

    /** Stripe's object is now as the event about to be delivered reports it (for tests whose Stripe keeps state). */
    protected void stripeNowSays(String objectJson) {
    }

    /**
     * Delivers an event whose object is a snapshot from when it was created, while Stripe itself may
     * have moved on since (a late or reordered delivery): the state the service re-fetches is left as it is.
     */
    public WebhookAck deliverSnapshot(String eventId, String type, String objectJson, long created) throws ApiException {
        String payload = StripeEvents.event(eventId, type, objectJson, created);
        // Signed "now" as the service sees it, so tests that move the clock still deliver fresh events.
        return new StripeWebhooksApi(anonymous()).receiveStripeWebhook(payload,
                StripeEvents.sign(payload, WEBHOOK_SECRET, clock.instant().getEpochSecond()));
    }

    /** An event created earlier and delivered late: Stripe has moved on since, so what it reports now stays as it is. */
    protected WebhookAck deliverLate(String type, String objectJson) throws ApiException {
        return deliverSnapshot(StripeEvents.newEventId(), type, objectJson, StripeEvents.now() - 60);
    }

    /** Delivers like Stripe does: an event answered 503 (not applied yet) is delivered again, a little later. */
    protected WebhookAck deliverUntilApplied(String type, String objectJson) throws Exception {
        String eventId = StripeEvents.newEventId();
        long created = StripeEvents.now();
        for (int attempt = 1; ; attempt++) {
            try {
                return deliver(eventId, type, objectJson, created);
            } catch (ApiException e) {
                if (e.getCode() != 503 || attempt == 5) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    protected WebhookAck deliver(String type, String objectJson) throws ApiException {
        return deliver(StripeEvents.newEventId(), type, objectJson, StripeEvents.now());
    }

    /** Runs a call that must fail with {@code status} as application/problem+json, and returns the problem. */
    protected Problem expectProblem(int status, ApiCall call) {
        try {
            call.call();
        } catch (ApiException e) {
            assertEquals(status, e.getCode(), () -> "status; body: " + e.getResponseBody());
            String contentType = e.getResponseHeaders().firstValue("content-type").orElse("");
            assertTrue(contentType.startsWith("application/problem+json"), () -> "content type was " + contentType);
            try {
                Problem problem = anonymous().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
                assertEquals(status, problem.getStatus());
                assertTrue(problem.getCode() != null && !problem.getCode().isBlank(), "problem has a code");
                assertTrue(problem.getType() != null && problem.getTitle() != null, "problem has type and title");
                return problem;
            } catch (JsonProcessingException parse) {
                throw new AssertionError("not a problem document: " + e.getResponseBody(), parse);
            }
        }
        return fail("expected HTTP " + status + " but the call succeeded");
    }
}
