package dev.ledgerline.audit;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.AuditApi;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AuditPage;
import dev.ledgerline.client.model.AuditRecord;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.ReversalRequest;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who moved money or changed settings, and why, newest first, per account and for the service. */
@MicronautTest
class AuditIT extends StripeMockProxyTestSupport {

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private List<AuditRecord> audit(LoginResponse login) throws Exception {
        List<AuditRecord> all = new ArrayList<>();
        String cursor = null;
        do {
            AuditPage page = new AuditApi(service()).listAccountAudit(login.getAccountId(), 2, cursor);
            all.addAll(page.getData());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }

    private static List<String> actions(List<AuditRecord> records) {
        return records.stream().map(r -> r.getAction() + " " + r.getActor()).toList();
    }

    @Test
    void eachActionNamesItsActorTargetAmountAndReasonNewestFirst() throws Exception {
        LoginResponse login = signupAndLogin();
        String user = "user:" + new AuthApi(as(login)).getSession().getUserId();
        String account = login.getAccountId();
        InternalApi internal = new InternalApi(service());
        LedgerEntry charge = internal.postInternalCharge(account, "inv-1", new ChargeRequest().amount(3000L).description("Pro plan"));
        clock.advance(Duration.ofMillis(5));
        LedgerEntry credit = internal.postInternalCredit(account, "goodwill", new CreditRequest().amount(500L).reason("Outage"));
        clock.advance(Duration.ofMillis(5));
        internal.reverseInternalCharge(account, charge.getId(), new ReversalRequest().reason("Wrong plan"));
        clock.advance(Duration.ofMillis(5));
        new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true));
        clock.advance(Duration.ofMillis(5));
        addCharge(login, 1200);

        List<AuditRecord> records = audit(login);
        assertEquals(List.of("charge.post " + user, "settings.autopay " + user, "charge.reverse service:host-backend",
                "credit.post service:host-backend", "charge.post service:host-backend"), actions(records));
        AuditRecord creditRecord = records.get(3);
        assertEquals(credit.getId(), creditRecord.getTarget());
        assertEquals(-500L, creditRecord.getAmount());
        assertEquals("usd", creditRecord.getCurrency());
        assertEquals("Outage", creditRecord.getReason());
        assertNotNull(creditRecord.getRequestId());
        assertEquals("Wrong plan", records.get(2).getReason());
        assertEquals(-3000L, records.get(2).getAmount());
        assertEquals("on", records.get(1).getReason());
        assertEquals(null, records.get(1).getAmount());

        // A refused action records nothing.
        expectProblem(409, () -> internal.postInternalCredit(account, "goodwill", new CreditRequest().amount(501L).reason("Outage")));
        assertEquals(5, audit(login).size());
    }

    @Test
    void paymentsAndPaymentMethodChangesAreRecordedWithTheUserAsActor() throws Exception {
        LoginResponse login = signupAndLogin();
        String user = "user:" + new AuthApi(as(login)).getSession().getUserId();
        String first = addCard(login);
        String second = addCard(login);
        // Which card Stripe's events made the default depends on their times and ids: the user picks the other one.
        String adopted = new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId();
        String chosen = first.equals(adopted) ? second : first;
        new PaymentMethodsApi(as(login)).setDefaultPaymentMethod(new dev.ledgerline.client.model.DefaultPaymentMethodRequest()
                .paymentMethodId(chosen));
        new PaymentMethodsApi(as(login)).deletePaymentMethod(adopted);
        addCharge(login, 900);
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);

        List<String> actions = actions(audit(login));
        assertTrue(actions.contains("payment.start " + user), actions::toString);
        assertTrue(actions.contains("payment_method.remove " + user), actions::toString);
        assertTrue(actions.contains("settings.default_method " + user), actions::toString);
        assertTrue(actions.contains("settings.default_method stripe"), () -> "the first card became the default by Stripe's event: " + actions);
        AuditRecord start = audit(login).stream().filter(r -> r.getAction().equals("payment.start")).findFirst().orElseThrow();
        assertEquals(payment.getId(), start.getTarget());
        assertEquals(900L, start.getAmount());
        assertEquals("balance", start.getReason());
    }

    @Test
    void theServiceWideLogListsEveryAccountNewestFirstAcrossPages() throws Exception {
        OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC);
        LoginResponse a = signupAndLogin();
        LoginResponse b = signupAndLogin();
        InternalApi internal = new InternalApi(service());
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(5));
            internal.postInternalCredit(a.getAccountId(), "a-" + i, new CreditRequest().amount(10L + i).reason("A " + i));
            clock.advance(Duration.ofMillis(5));
            internal.postInternalCredit(b.getAccountId(), "b-" + i, new CreditRequest().amount(20L + i).reason("B " + i));
        }
        List<String> reasons = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = new AuditApi(service()).listAudit(2, cursor, since);
            page.getData().stream().filter(r -> r.getAccountId().equals(a.getAccountId()) || r.getAccountId().equals(b.getAccountId()))
                    .forEach(r -> reasons.add(r.getReason()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertEquals(List.of("B 2", "A 2", "B 1", "A 1", "B 0", "A 0"), reasons);
        expectProblem(400, () -> new AuditApi(service()).listAudit(25, "bm90IGEgY3Vyc29y", null));
        // Far ends are taken at the edge of what is listed (a year back, now), not walked day by day.
        assertEquals(200, new AuditApi(service()).listAuditWithHttpInfo(25, null, OffsetDateTime.parse("0001-01-01T00:00:00Z"))
                .getStatusCode());
        assertEquals(List.of(), new AuditApi(service()).listAudit(25, null, OffsetDateTime.parse("9999-12-31T00:00:00Z")).getData());
        String future = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "9999-12-31T00:00:00.000000Z#acct_x#aud_0123456789abcdefghijkl".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, new AuditApi(service()).listAuditWithHttpInfo(1, future, since).getStatusCode());
        expectProblem(404, () -> new AuditApi(service()).listAccountAudit("acct_nosuchaccount", 25, null));
        expectProblem(401, () -> new AuditApi(as(a)).listAccountAudit(a.getAccountId(), 25, null));
    }
}
