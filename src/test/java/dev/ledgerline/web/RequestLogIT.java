package dev.ledgerline.web;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.ApiResponse;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.support.CapturedLogs;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every response carries an X-Request-Id (the caller's when it is a safe short token), and the
 * service's log lines for the request carry it and the account in their MDC: the session's
 * account, or for a service key the account in the path; never a secret.
 */
@MicronautTest
class RequestLogIT extends LocalstripeTestSupport {

    private static Optional<String> requestIdOf(Map<String, List<String>> headers) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(RequestIdFilter.HEADER))
                .flatMap(h -> h.getValue().stream()).findFirst();
    }

    private static List<CapturedLogs.Captured> ofRequest(CapturedLogs logs, String requestId) {
        return logs.captured().stream().filter(e -> requestId.equals(e.mdc().get(RequestIdFilter.MDC_REQUEST_ID))).toList();
    }

    @Test
    void theCallersRequestIdIsEchoedAndLoggedWithTheAccount() throws Exception {
        LoginResponse login = signupAndLogin();
        String declining = addCard(login, DECLINED_ON_CHARGE);
        try (CapturedLogs logs = CapturedLogs.start()) {
            ApiResponse<Payment> response = new PaymentsApi(as(login)).chargeOnceWithHttpInfo("request-log-1", new ChargeOnceRequest()
                    .paymentMethodId(declining).amount(900L).description("Extra seats"), Map.of(RequestIdFilter.HEADER, "it-req-0001"));
            assertEquals(PaymentStatus.FAILED, response.getData().getStatus());
            assertEquals(Optional.of("it-req-0001"), requestIdOf(response.getHeaders()));

            List<CapturedLogs.Captured> lines = ofRequest(logs, "it-req-0001");
            // Logged by the payment code on the thread that ran the controller, not by a filter.
            assertTrue(lines.stream().anyMatch(e -> e.logger().endsWith("PaymentAttempts") && e.message().contains("declined")
                    && login.getAccountId().equals(e.mdc().get(RequestIdFilter.MDC_ACCOUNT_ID))), () -> "lines: " + lines);
            assertTrue(lines.stream().anyMatch(e -> e.logger().equals("dev.ledgerline.access")
                    && e.message().equals("POST /api/billing/charge-once 200 " + e.message().split(" ")[3] + " ms")
                    && login.getAccountId().equals(e.mdc().get(RequestIdFilter.MDC_ACCOUNT_ID))), () -> "lines: " + lines);
            logs.assertClean(List.of(login.getToken(), login.getSessionId()));
        }
    }

    @Test
    void aServiceKeyRequestIsLoggedWithTheAccountInItsPath() throws Exception {
        LoginResponse login = signupAndLogin();
        InternalApi internal = new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));
        try (CapturedLogs logs = CapturedLogs.start()) {
            var response = internal.postInternalChargeWithHttpInfo(login.getAccountId(), "metrics-charge-1",
                    new ChargeRequest().amount(300L).description("Seats"), Map.of(RequestIdFilter.HEADER, "svc.req:42"));
            assertEquals(201, response.getStatusCode());
            assertEquals(Optional.of("svc.req:42"), requestIdOf(response.getHeaders()));
            List<CapturedLogs.Captured> lines = ofRequest(logs, "svc.req:42");
            assertFalse(lines.isEmpty());
            assertTrue(lines.stream().allMatch(e -> login.getAccountId().equals(e.mdc().get(RequestIdFilter.MDC_ACCOUNT_ID))),
                    () -> "lines: " + lines);
            logs.assertClean(List.of(login.getToken()));
        }
    }

    @Test
    void unsafeOrMissingIdsAreReplacedAndRefusedCallersHaveNoAccount() throws Exception {
        LoginResponse login = signupAndLogin();
        try (CapturedLogs logs = CapturedLogs.start()) {
            String tooLong = "x".repeat(65);
            for (String unsafe : List.of(tooLong, "two words", "<script>", "a\"b")) {
                String echoed = requestIdOf(new LedgerApi(as(login)).getBalanceWithHttpInfo(Map.of(RequestIdFilter.HEADER, unsafe))
                        .getHeaders()).orElseThrow();
                assertNotEquals(unsafe, echoed);
                assertTrue(RequestIdFilter.isSafe(echoed), echoed);
            }
            String first = requestIdOf(new LedgerApi(as(login)).getBalanceWithHttpInfo().getHeaders()).orElseThrow();
            String second = requestIdOf(new LedgerApi(as(login)).getBalanceWithHttpInfo().getHeaders()).orElseThrow();
            assertNotEquals(first, second, "a fresh id per request");

            // A refused request is still identified, but names no account; nor does it inherit one from a pooled thread.
            try {
                new LedgerApi(withHeaders(Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer wrong",
                        RequestIdFilter.HEADER, "refused-1"))).getBalance();
                fail("a wrong token is refused");
            } catch (ApiException refused) {
                assertEquals(401, refused.getCode());
                assertEquals(Optional.of("refused-1"), requestIdOf(refused.getResponseHeaders().map()));
            }
            List<CapturedLogs.Captured> lines = ofRequest(logs, "refused-1");
            assertFalse(lines.isEmpty());
            assertTrue(lines.stream().noneMatch(e -> e.mdc().containsKey(RequestIdFilter.MDC_ACCOUNT_ID)), () -> "lines: " + lines);
            assertFalse(logs.lines().stream().anyMatch(line -> line.contains(tooLong)), "an unsafe id is never logged");
            logs.assertClean(List.of(login.getToken()));
        }
    }
}
