package dev.ledgerline.ledger;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryStatus;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.ReversalRequest;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The host gives money back and corrects mistakes: credits with a reason, and reversing a charge once. */
@MicronautTest
class CreditsAndReversalsIT extends StripeMockProxyTestSupport {

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private InternalApi internal() {
        return new InternalApi(service());
    }

    @Test
    void aCreditLowersWhatIsOwedOnceWithItsReason() throws Exception {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        internal().postInternalCharge(account, "inv-1", new ChargeRequest().amount(5000L).description("Pro plan"));
        CreditRequest credit = new CreditRequest().amount(1500L).reason("Goodwill: outage on 28 November");
        LedgerEntry first = internal().postInternalCredit(account, "credit-1", credit);
        assertEquals(LedgerEntryType.CREDIT, first.getType());
        assertEquals(-1500L, first.getAmount());
        assertEquals(LedgerEntryStatus.SETTLED, first.getStatus());
        assertEquals("Goodwill: outage on 28 November", first.getDescription());
        assertEquals(first.getId(), internal().postInternalCredit(account, "credit-1", credit).getId(), "a repeat is the same credit");
        assertEquals(3500, balance(login).getBalance());

        assertEquals("idempotency_key_reused", expectProblem(409, () -> internal().postInternalCredit(account, "credit-1",
                new CreditRequest().amount(1600L).reason("Goodwill: outage on 28 November"))).getCode());
        expectProblem(404, () -> internal().postInternalCredit("acct_nosuchaccount", "credit-2", credit));
        expectProblem(400, () -> internal().postInternalCredit(account, "credit-3", new CreditRequest().amount(0L).reason("zero")));
        expectProblem(400, () -> internal().postInternalCredit(account, "credit-4", new CreditRequest().amount(100L)));
        expectProblem(400, () -> internal().postInternalCredit(account, "credit-5", new CreditRequest().amount(100L).reason("x")
                .currency("eur")));
        assertEquals(3500, balance(login).getBalance(), "refused credits change nothing");
    }

    @Test
    void aCreditLargerThanTheBalanceIsUsedUpByLaterChargesAndNothingIsCollected() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login);
        addCharge(login, 1000);
        internal().postInternalCredit(login.getAccountId(), "big-credit", new CreditRequest().amount(2500L).reason("Annual prepayment"));
        Balance credited = balance(login);
        assertEquals(-1500, credited.getBalance());
        assertEquals(0, credited.getDue());
        assertEquals("nothing_due", expectProblem(409, () -> new PaymentsApi(as(login)).payBalance(null, null)).getCode());
        addCharge(login, 1000);
        assertEquals(-500, balance(login).getBalance());
        assertEquals(0, balance(login).getDue());
    }

    @Test
    void aSettledChargeIsReversedOnceAndOnlyAChargeCanBe() throws Exception {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        LedgerEntry charge = internal().postInternalCharge(account, "inv-9", new ChargeRequest().amount(4200L).description("Seats"));
        ReversalRequest why = new ReversalRequest().reason("Charged twice by mistake");
        LedgerEntry reversal = internal().reverseInternalCharge(account, charge.getId(), why);
        assertEquals(LedgerEntryType.ADJUSTMENT, reversal.getType());
        assertEquals(-4200L, reversal.getAmount());
        assertEquals(LedgerEntryStatus.SETTLED, reversal.getStatus());
        assertEquals(reversal.getId(), internal().reverseInternalCharge(account, charge.getId(), why).getId());
        assertEquals(0, balance(login).getBalance());

        assertEquals("not_a_charge", expectProblem(409, () -> internal().reverseInternalCharge(account, reversal.getId(), why)).getCode());
        expectProblem(404, () -> internal().reverseInternalCharge(account, "chg_nosuchentry", why));
        expectProblem(400, () -> internal().reverseInternalCharge(account, charge.getId(), new ReversalRequest()));
        assertEquals(2, allEntries(login).size());
    }

    @Test
    void aPendingChargeIsEitherSettledOrReversedNeverBoth() throws Exception {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        ReversalRequest why = new ReversalRequest().reason("Cancelled order");
        LedgerEntry reversed = internal().postInternalCharge(account, "p-1", new ChargeRequest().amount(700L).description("Order 1")
                .settled(false));
        assertEquals(LedgerEntryStatus.PENDING, internal().reverseInternalCharge(account, reversed.getId(), why).getStatus());
        assertEquals(0, balance(login).getPendingCharges());
        assertEquals("charge_reversed", expectProblem(409, () -> internal().settleInternalCharge(account, reversed.getId())).getCode());

        LedgerEntry settled = internal().postInternalCharge(account, "p-2", new ChargeRequest().amount(800L).description("Order 2")
                .settled(false));
        LedgerEntry settledEntry = internal().settleInternalCharge(account, settled.getId());
        assertEquals("charge_settled", expectProblem(409, () -> internal().reverseInternalCharge(account, settled.getId(), why)).getCode());
        internal().reverseInternalCharge(account, settledEntry.getId(), why);
        assertEquals(0, balance(login).getBalance());
        assertEquals(0, balance(login).getPendingCharges());

        // Racing: of a settle and a reversal of one pending charge exactly one lands.
        for (int round = 0; round < 6; round++) {
            LedgerEntry pending = internal().postInternalCharge(account, "race-" + round, new ChargeRequest().amount(100L)
                    .description("Race " + round).settled(false));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Callable<String>> both = new ArrayList<>();
            both.add(() -> outcome(() -> internal().settleInternalCharge(account, pending.getId())));
            both.add(() -> outcome(() -> internal().reverseInternalCharge(account, pending.getId(), why)));
            List<String> outcomes = new ArrayList<>();
            try {
                for (Future<String> f : pool.invokeAll(both)) {
                    outcomes.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, outcomes.stream().filter("ok"::equals).count(), () -> "one of settle and reverse: " + outcomes);
        }
        assertEquals(0, balance(login).getPendingCharges());
    }

    private String outcome(ApiCall call) {
        try {
            call.call();
            return "ok";
        } catch (dev.ledgerline.client.ApiException e) {
            assertEquals(409, e.getCode(), e.getResponseBody());
            return "409";
        }
    }
}
