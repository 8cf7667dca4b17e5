package dev.ledgerline.ledger;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryStatus;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LedgerPage;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.support.ApiTestSupport;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charges into the ledger and the balance row, through the dev, internal and billing endpoints. */
@MicronautTest
class LedgerIT extends ApiTestSupport {

    private InternalApi internal() {
        return new InternalApi(withHeaders(Map.of("Authorization", "Bearer test-service-key-0123456789abcdef")));
    }

    private static ChargeRequest charge(long amount, String description) {
        return new ChargeRequest().amount(amount).description(description);
    }

    @Test
    void aDevChargeRaisesTheBalanceAndDue() throws ApiException {
        LoginResponse login = signupAndLogin();
        LedgerApi ledger = new LedgerApi(as(login));
        Balance empty = ledger.getBalance();
        assertEquals(0, empty.getBalance());
        assertEquals("usd", empty.getCurrency());

        LedgerEntry entry = new DevApi(as(login)).devAddCharge(charge(2500, "Pro plan, November"));
        assertEquals(LedgerEntryType.CHARGE, entry.getType());
        assertEquals(LedgerEntryStatus.SETTLED, entry.getStatus());
        assertEquals(2500, entry.getAmount());

        Balance balance = ledger.getBalance();
        assertEquals(2500, balance.getBalance());
        assertEquals(2500, balance.getDue());
        assertEquals(0, balance.getPendingCharges());
        assertEquals(List.of(entry.getId()), allEntries(login).stream().map(LedgerEntry::getId).toList());
        assertEquals(balance.getBalance(), internal().getInternalBalance(login.getAccountId()).getBalance());
    }

    @Test
    void anInternalChargeIsPostedOncePerIdempotencyKey() throws ApiException {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        LedgerEntry first = internal().postInternalCharge(account, "invoice-42", charge(1200, "Invoice 42"));
        LedgerEntry repeat = internal().postInternalCharge(account, "invoice-42", charge(1200, "Invoice 42"));
        assertEquals(first.getId(), repeat.getId());
        assertEquals(first.getCreatedAt(), repeat.getCreatedAt());
        assertEquals(1200, new LedgerApi(as(login)).getBalance().getBalance());

        assertEquals("idempotency_key_reused", expectProblem(409,
                () -> internal().postInternalCharge(account, "invoice-42", charge(1300, "Invoice 42"))).getCode());
        expectProblem(404, () -> internal().postInternalCharge("acct_doesnotexist", "invoice-42", charge(100, "x")));
        assertEquals("unsupported_currency", expectProblem(400,
                () -> internal().postInternalCharge(account, "eur-1", charge(100, "x").currency("eur"))).getCode());
        assertEquals(1, allEntries(login).size(), "refused requests wrote nothing");
        assertEquals(1200, new LedgerApi(as(login)).getBalance().getBalance());
    }

    @Test
    void aPendingChargeSettlesByAPairOfEntries() throws ApiException {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        LedgerApi ledger = new LedgerApi(as(login));
        LedgerEntry pending = internal().postInternalCharge(account, "usage-11", charge(700, "Usage").settled(false));
        assertEquals(LedgerEntryStatus.PENDING, pending.getStatus());
        Balance before = ledger.getBalance();
        assertEquals(0, before.getBalance());
        assertEquals(700, before.getPendingCharges());
        assertEquals(0, before.getDue(), "a pending charge is not due yet");

        LedgerEntry settled = internal().settleInternalCharge(account, pending.getId());
        assertEquals(LedgerEntryStatus.SETTLED, settled.getStatus());
        assertEquals(700, settled.getAmount());
        Balance after = ledger.getBalance();
        assertEquals(700, after.getBalance());
        assertEquals(0, after.getPendingCharges());
        assertEquals(3, allEntries(login).size(), "the pending entry stays; a release and a settled entry are added");

        assertEquals(settled.getId(), internal().settleInternalCharge(account, pending.getId()).getId(), "a repeat returns the same entry");
        assertEquals(700, ledger.getBalance().getBalance());
        expectProblem(409, () -> internal().settleInternalCharge(account, settled.getId()));
        expectProblem(404, () -> internal().settleInternalCharge(account, "chg_unknown"));
        LoginResponse other = signupAndLogin();
        expectProblem(404, () -> internal().settleInternalCharge(other.getAccountId(), pending.getId()));
    }

    @Test
    void theLedgerPagesNewestFirst() throws ApiException {
        LoginResponse login = signupAndLogin();
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            clock.advance(java.time.Duration.ofSeconds(1));
            posted.add(new DevApi(as(login)).devAddCharge(charge(i * 100L, "Charge " + i)).getId());
        }
        LedgerApi ledger = new LedgerApi(as(login));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LedgerPage page = ledger.listLedger(3, cursor);
            assertTrue(page.getData().size() <= 3);
            page.getData().forEach(e -> seen.add(e.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        java.util.Collections.reverse(posted);
        assertEquals(posted, seen);
        assertTrue(pages >= 3);
        assertNull(ledger.listLedger(100, null).getNextCursor());

        assertEquals("invalid_cursor", expectProblem(400, () -> ledger.listLedger(3, "not-a-cursor")).getCode());
        String foreign = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("PM#pm_123".getBytes());
        expectProblem(400, () -> ledger.listLedger(3, foreign));
        expectProblem(400, () -> ledger.listLedger(0, null));
        expectProblem(400, () -> ledger.listLedger(101, null));
    }

    @Test
    void concurrentChargesAllCountAndRepeatsCountOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        String account = login.getAccountId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String key = "k-" + i;
                calls.add(() -> internal().postInternalCharge(account, key, charge(100, "c")).getId());
            }
            for (int i = 0; i < 6; i++) {
                calls.add(() -> internal().postInternalCharge(account, "same", charge(1000, "same")).getId());
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(13, ids.stream().distinct().count());
        } finally {
            pool.shutdown();
        }
        assertEquals(12 * 100 + 1000, new LedgerApi(as(login)).getBalance().getBalance());
        assertEquals(13, allEntries(login).size());
    }

    @Test
    void badChargesAreRefusedAndChangeNothing() throws ApiException {
        LoginResponse login = signupAndLogin();
        DevApi dev = new DevApi(as(login));
        expectProblem(400, () -> dev.devAddCharge(charge(0, "zero")));
        expectProblem(400, () -> dev.devAddCharge(charge(-5, "negative")));
        expectProblem(400, () -> dev.devAddCharge(charge(100_000_000, "huge")));
        expectProblem(400, () -> dev.devAddCharge(charge(100, "")));
        expectProblem(400, () -> dev.devAddCharge(charge(100, "x").currency("US")));
        expectProblem(401, () -> new DevApi(anonymous()).devAddCharge(charge(100, "x")));
        expectProblem(401, () -> new InternalApi(as(login)).postInternalCharge(login.getAccountId(), "k", charge(100, "x")));
        assertEquals(0, new LedgerApi(as(login)).getBalance().getBalance());
        assertTrue(allEntries(login).isEmpty());
        assertNotEquals(null, login.getAccountId());
    }
}
