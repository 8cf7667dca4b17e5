package dev.ledgerline.reconciliation;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.ReconciliationApi;
import dev.ledgerline.client.model.Discrepancy;
import dev.ledgerline.client.model.DiscrepancyKind;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.client.model.ReconciliationReport;
import dev.ledgerline.client.model.ReconciliationScope;
import dev.ledgerline.support.PrometheusScrape;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation against what Stripe reports when the events that would have told the service
 * never came: Stripe's state (kept by the test proxy, as Stripe keeps it) moves on silently, and
 * reconciliation finds each difference, applies the safe ones once, and reports the others.
 */
@MicronautTest
class ReconciliationIT extends StripeMockProxyTestSupport {

    /** An ACH debit in flight; Stripe's intent of it now says {@code status}, with no event sent. */
    private Payment debitInFlight(LoginResponse login, long amount) throws Exception {
        addBankAccount(login);
        addCharge(login, amount);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        proxy.clearRewrites();
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());
        return payment;
    }

    private Payment paid(LoginResponse login, long amount) throws Exception {
        Payment payment = debitInFlight(login, amount);
        deliver("payment_intent.succeeded", intent(login, payment, "succeeded"));
        assertEquals(0, balance(login).getBalance());
        return payment;
    }

    private static List<DiscrepancyKind> kinds(ReconciliationReport report) {
        return report.getDiscrepancies().stream().map(Discrepancy::getKind).toList();
    }

    private String refund(Payment payment, String id, long amount, String status) throws Exception {
        return StripeObjects.of(StripeEvents.stripeMock().v1().refunds().retrieve("re_x").getLastResponse().body())
                .set("id", id).set("amount", amount).set("currency", "usd").set("status", status)
                .set("charge", "ch_" + id.substring(3)).set("payment_intent", payment.getStripePaymentIntentId()).json();
    }

    @Test
    void aSuccessWhoseEventsNeverCameIsRecordedOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = debitInFlight(login, 2500);
        assertEquals(List.of(), reconcile(login, false).getDiscrepancies(), "processing at both ends: nothing differs");

        proxy.state().put(intent(login, payment, "succeeded")); // the debit cleared; the webhook was lost
        ReconciliationReport dry = reconcile(login, true);
        assertEquals(List.of(DiscrepancyKind.PAYMENT_NOT_RECORDED), kinds(dry));
        assertFalse(dry.getDiscrepancies().get(0).getApplied());
        assertEquals(2500, balance(login).getBalance(), "a dry run changes nothing");

        ReconciliationReport run = reconcile(login, false);
        assertEquals(List.of(DiscrepancyKind.PAYMENT_NOT_RECORDED), kinds(run));
        assertTrue(run.getDiscrepancies().get(0).getApplied());
        assertEquals(1, run.getApplied());
        assertEquals(0, run.getUnresolved());
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).listPayments(1, null).getData().get(0).getStatus());
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingPayments());

        deliver("payment_intent.succeeded", intent(login, payment, "succeeded")); // the late webhook changes nothing more
        assertEquals(1, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.PAYMENT).count());
        assertReconciled(login);
    }

    @Test
    void refundsAndDisputesStripeReportsAreBookedOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 4000);
        String key = payment.getId().substring(4, 14);
        // Made in Stripe's Dashboard, or their events lost: a refund, a refund that failed after it was booked, a lost dispute.
        proxy.state().put(refund(payment, "re_dash" + key, 1000, "succeeded"));
        String failing = "re_fail" + key;
        deliver("charge.refund.updated", refund(payment, failing, 500, "pending"));
        assertEquals(500, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.REFUND).mapToLong(LedgerEntry::getAmount).sum());
        proxy.state().put(refund(payment, failing, 500, "failed"));
        proxy.state().put(dispute(payment, "dp_lost" + key, 1500, "lost"));
        proxy.state().put(dispute(payment, "dp_inq" + key, 300, "warning_needs_response"));

        ReconciliationReport run = reconcile(login, false);
        assertEquals(List.of(DiscrepancyKind.DISPUTE_NOT_HELD, DiscrepancyKind.REFUND_FAILURE_NOT_BOOKED, DiscrepancyKind.REFUND_NOT_BOOKED),
                kinds(run).stream().sorted(Comparator.comparing(DiscrepancyKind::getValue)).toList(), () -> "report " + run);
        assertEquals(3, run.getApplied());
        assertEquals(1, run.getPaymentsChecked());
        assertEquals(1000, sum(login, LedgerEntryType.REFUND), "the Dashboard refund is booked, the failed one reversed");
        assertEquals(-1000, sum(login, LedgerEntryType.ADJUSTMENT), "and credited: the refund is balance-neutral");
        assertEquals(0, sum(login, LedgerEntryType.DISPUTE), "the lost dispute was withdrawn and released");
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getDue(), "a lost dispute is not collected again");
        assertReconciled(login);

        deliver("charge.dispute.closed", dispute(payment, "dp_lost" + key, 1500, "lost"));
        deliver("charge.refund.updated", refund(payment, failing, 500, "failed"));
        assertEquals(1000, sum(login, LedgerEntryType.REFUND), "the late events book nothing more");
        assertReconciled(login);
    }

    @Test
    void whatNeedsAPersonIsReportedNotApplied() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 1800);
        // Stripe reports the intent canceled: we hold 18.00 as paid that Stripe never collected.
        proxy.state().put(StripeObjects.of(intent(login, payment, "canceled")).set("amount_received", 0).json());
        double before = metric(DiscrepancyKind.PAYMENT_NOT_AT_STRIPE, false);

        ReconciliationReport run = reconcile(login, false);
        assertEquals(List.of(DiscrepancyKind.PAYMENT_NOT_AT_STRIPE), kinds(run));
        Discrepancy found = run.getDiscrepancies().get(0);
        assertFalse(found.getApplied());
        assertEquals("succeeded", found.getOurs());
        assertEquals("canceled", found.getStripe());
        assertEquals(1800, found.getAmount());
        assertEquals(payment.getId(), found.getPaymentId());
        assertEquals(payment.getStripePaymentIntentId(), found.getStripeObjectId());
        assertEquals(1, run.getUnresolved());
        assertEquals(0, balance(login).getBalance(), "nothing is charged again on reconciliation's word");
        assertEquals(1, metric(DiscrepancyKind.PAYMENT_NOT_AT_STRIPE, false) - before, "counted in the metrics");
        assertEquals(List.of(DiscrepancyKind.PAYMENT_NOT_AT_STRIPE), kinds(reconcile(login, false)), "and found again until a person acts");
        leaveForAPerson(login);
    }

    @Test
    void aServiceWideRunLooksAtWhatStripeCreatedAndKeepsItsReport() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 3000);
        proxy.state().put(refund(payment, "re_wide" + payment.getId().substring(4, 14), 3000, "succeeded"));
        ReconciliationApi api = new ReconciliationApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));

        ReconciliationReport run = api.runReconciliation(false);
        assertEquals(ReconciliationScope.SERVICE, run.getScope());
        assertTrue(run.getSince() != null && run.getSince().isBefore(run.getStartedAt()));
        List<Discrepancy> mine = run.getDiscrepancies().stream().filter(d -> d.getAccountId().equals(login.getAccountId())).toList();
        assertEquals(List.of(DiscrepancyKind.REFUND_NOT_BOOKED), mine.stream().map(Discrepancy::getKind).toList());
        assertTrue(mine.get(0).getApplied());
        assertEquals(3000, sum(login, LedgerEntryType.REFUND));
        assertEquals(run, api.getLatestReconciliation(), "the latest report is kept");
        assertReconciled(login);
        assertTrue(api.runReconciliation(true).getDiscrepancies().stream().noneMatch(d -> d.getAccountId().equals(login.getAccountId())));
    }

    @Test
    void anUnknownAccountIsA404() {
        expectProblem(404, () -> new ReconciliationApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)))
                .reconcileAccount("acct_doesnotexist0000000000", false));
        expectProblem(401, () -> new ReconciliationApi(anonymous()).runReconciliation(true));
        // Found by contract fuzzing: any text but "true" was read as false, so a typo ran for real.
        var typo = dev.ledgerline.support.RawHttp.post(baseUri(), "/api/internal/reconciliation/runs?dryRun=ture", "application/json", "",
                Map.of("Authorization", "Bearer " + SERVICE_KEY));
        assertEquals(400, typo.statusCode(), typo::body);
        assertTrue(typo.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    private long sum(LoginResponse login, LedgerEntryType type) throws Exception {
        return allEntries(login).stream().filter(e -> e.getType() == type).mapToLong(LedgerEntry::getAmount).sum();
    }

    private double metric(DiscrepancyKind kind, boolean applied) {
        return PrometheusScrape.of(baseUri()).sum("ledgerline_reconciliation_discrepancies_total",
                Map.of("kind", kind.getValue(), "applied", Boolean.toString(applied)));
    }
}
