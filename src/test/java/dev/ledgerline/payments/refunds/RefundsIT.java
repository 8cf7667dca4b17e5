package dev.ledgerline.payments.refunds;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.AuditApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.RefundsApi;
import dev.ledgerline.client.model.AuditRecord;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.client.model.Refund;
import dev.ledgerline.client.model.RefundBalance;
import dev.ledgerline.client.model.RefundRequest;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The host refunds a payment through the API, against localstripe (which keeps the refunds). */
@MicronautTest
class RefundsIT extends LocalstripeTestSupport {

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private RefundsApi refunds() {
        return new RefundsApi(service());
    }

    /** A card payment of {@code amount} that succeeded at once. */
    private Payment paid(LoginResponse login, long amount) throws Exception {
        addCard(login, VISA);
        new dev.ledgerline.client.api.DevApi(as(login)).devAddCharge(new dev.ledgerline.client.model.ChargeRequest().amount(amount)
                .description("Pro plan"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());
        return payment;
    }

    private int refundsAtStripe(Payment payment) throws Exception {
        return localstripe.v1().refunds().list(com.stripe.param.RefundListParams.builder()
                .setPaymentIntent(payment.getStripePaymentIntentId()).build()).getData().size();
    }

    private List<String> refundAudit(LoginResponse login) throws Exception {
        return new AuditApi(service()).listAccountAudit(login.getAccountId(), 100, null).getData().stream()
                .filter(r -> r.getAction().equals("refund.create")).map(r -> r.getActor() + " " + r.getAmount() + " " + r.getReason()).toList();
    }

    @Test
    void aFullRefundGivesEverythingBackOnceAndLeavesTheBalanceAsItWas() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 5000);
        RefundRequest all = new RefundRequest().reason("Customer cancelled within 14 days");
        Refund refund = refunds().createRefund(payment.getId(), "refund-all", all);
        assertEquals(5000L, refund.getAmount());
        assertEquals("succeeded", refund.getStatus());
        assertEquals(RefundBalance.UNCHANGED, refund.getBalance());
        assertEquals(payment.getId(), refund.getPaymentId());
        assertEquals(refund.getId(), refunds().createRefund(payment.getId(), "refund-all", all).getId(), "a repeat is the same refund");
        assertEquals(1, refundsAtStripe(payment));
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance(), "balance-neutral: the refund and its credit");

        assertEquals("refund_exceeds_payment", expectProblem(422, () -> refunds().createRefund(payment.getId(), "refund-more",
                new RefundRequest().reason("Again"))).getCode());
        assertEquals("idempotency_key_reused", expectProblem(409, () -> refunds().createRefund(payment.getId(), "refund-all",
                new RefundRequest().reason("Another reason"))).getCode());
        assertEquals(List.of("service:host-backend 5000 Customer cancelled within 14 days"), refundAudit(login));
    }

    @Test
    void threePartialRefundsAddUpAndAFourthBeyondThePaymentIsRefused() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 3000);
        for (int i = 1; i <= 3; i++) {
            Refund part = refunds().createRefund(payment.getId(), "part-" + i, new RefundRequest().amount(1000L).reason("Part " + i));
            assertEquals(1000L, part.getAmount());
        }
        long entriesBefore = allEntries(login).size();
        assertEquals("refund_exceeds_payment", expectProblem(422, () -> refunds().createRefund(payment.getId(), "part-4",
                new RefundRequest().amount(1L).reason("One more"))).getCode());
        assertEquals(3, refundsAtStripe(payment));
        assertEquals(entriesBefore, allEntries(login).size(), "a refused refund moves nothing");
        assertEquals(3, allEntries(login).stream().filter(e -> e.getType() == LedgerEntryType.REFUND).count());
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
        assertEquals(3, refundAudit(login).size());
    }

    @Test
    void anOverRefundIsRefusedBeforeStripeAndBadRequestsChangeNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 2000);
        assertEquals("refund_exceeds_payment", expectProblem(422, () -> refunds().createRefund(payment.getId(), "too-much",
                new RefundRequest().amount(2001L).reason("Too much"))).getCode());
        expectProblem(400, () -> refunds().createRefund(payment.getId(), "no-reason", new RefundRequest().amount(100L)));
        expectProblem(400, () -> refunds().createRefund(payment.getId(), "zero", new RefundRequest().amount(0L).reason("Zero")));
        expectProblem(404, () -> refunds().createRefund("pay_nosuchpayment", "nope", new RefundRequest().reason("Nope")));
        expectProblem(401, () -> new RefundsApi(as(login)).createRefund(payment.getId(), "session", new RefundRequest().reason("Own")));
        assertEquals(0, refundsAtStripe(payment));
        assertEquals(List.of(), refundAudit(login));
    }

    @Test
    void aRefundTheHostMarksOwedIsOwedAgain() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 2500);
        Refund refund = refunds().createRefund(payment.getId(), "wrong-card", new RefundRequest().amount(2500L)
                .reason("Paid with the wrong card; charge the right one").balance(RefundBalance.OWED));
        assertEquals(RefundBalance.OWED, refund.getBalance());
        assertEquals(2500, new LedgerApi(as(login)).getBalance().getBalance());
        assertEquals(2500, new LedgerApi(as(login)).getBalance().getDue());
    }

    @Test
    void whenStripeFailsMidCallARetryWithTheSameKeyMakesNoSecondRefund() throws Exception {
        LoginResponse login = signupAndLogin();
        Payment payment = paid(login, 1800);
        proxy.loseAnswers("/v1/refunds", 3);
        RefundRequest half = new RefundRequest().amount(900L).reason("Half back");
        int status = expectProblem(502, () -> refunds().createRefund(payment.getId(), "flaky", half)).getStatus();
        assertEquals(502, status);
        Refund refund = refunds().createRefund(payment.getId(), "flaky", half);
        assertEquals(900L, refund.getAmount());
        assertEquals(1, refundsAtStripe(payment), "Stripe made one refund, whatever was lost on the way");
        assertEquals(refund.getId(), refunds().createRefund(payment.getId(), "flaky", half).getId());
        Refund other = refunds().createRefund(payment.getId(), "second-half", half);
        assertNotEquals(refund.getId(), other.getId());
        assertEquals(2, refundsAtStripe(payment));
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
        List<AuditRecord> audit = new AuditApi(service()).listAccountAudit(login.getAccountId(), 100, null).getData();
        assertEquals(2, audit.stream().filter(r -> r.getAction().equals("refund.create")).count(), "one record per refund asked for");
    }
}
