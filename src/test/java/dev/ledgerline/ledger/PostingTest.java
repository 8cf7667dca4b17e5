package dev.ledgerline.ledger;

import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of one money change: what moves the balance, and which item of the transaction is which. */
class PostingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static LedgerEntry entry(String id, long amount, EntryStatus status) {
        return new LedgerEntry(id, EntryType.CHARGE, amount, "usd", "test", status, null, NOW);
    }

    private static Posting posting() {
        return new Posting("acct_1", "usd", NOW);
    }

    /** A cancellation whose item {@code failedIndex} failed its condition, out of {@code size} items. */
    private static TransactionCanceled failedAt(int failedIndex, int size) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            reasons.add(i == failedIndex ? "ConditionalCheckFailed" : "None");
        }
        return new TransactionCanceled(reasons);
    }

    @Test
    void settledEntriesMoveTheBalanceAndPendingOnesThePendingCharges() {
        Posting p = posting()
                .entry(entry("e1", 1_500, EntryStatus.SETTLED), null)
                .entry(entry("e2", -500, EntryStatus.SETTLED), null)
                .entry(entry("e3", 700, EntryStatus.PENDING), null);
        assertEquals(1_000, p.balanceDelta());
        assertEquals(700, p.pendingChargesDelta());
        assertEquals(0, p.pendingPaymentsDelta());
        assertEquals(List.of("e1", "e2", "e3"), p.entries().stream().map(LedgerEntry::id).toList());
    }

    @Test
    void pendingPaymentsAddUp() {
        Posting p = posting().pendingPayments(2_000).pendingPayments(-500);
        assertEquals(1_500, p.pendingPaymentsDelta());
        assertEquals(0, p.balanceDelta());
    }

    @Test
    void eachLabelNamesItsItem_anEntryTakesTwoItemsTheMarkerFirst() {
        // Items: 0 marker e1, 1 entry e1, 2 payment, 3 account check, 4 marker e2, 5 entry e2, 6 balance row.
        Posting p = posting()
                .entry(entry("e1", 100, EntryStatus.SETTLED), "fp")
                .with("payment", new TableWrite(null))
                .requireAccount()
                .entry(entry("e2", 100, EntryStatus.SETTLED), null)
                .requireVersion(4);
        assertTrue(p.failed(failedAt(0, 7), "e1"));
        assertFalse(p.failed(failedAt(1, 7), "e1"), "the entry item itself has no condition; its marker does");
        assertTrue(p.failed(failedAt(2, 7), "payment"));
        assertTrue(p.failed(failedAt(3, 7), "account"));
        assertTrue(p.failed(failedAt(4, 7), "e2"));
        assertFalse(p.failed(failedAt(2, 7), "e1"));
        assertFalse(p.failed(failedAt(2, 7), "no-such-label"));
        assertTrue(p.failedOnVersion(failedAt(6, 7)), "the balance row is the last item");
        assertFalse(p.failedOnVersion(failedAt(5, 7)));
    }

    @Test
    void withoutARequiredVersionTheBalanceRowCannotFailOnIt() {
        Posting p = posting().entry(entry("e1", 100, EntryStatus.SETTLED), null);
        assertNull(p.expectedVersion());
        assertFalse(p.failedOnVersion(failedAt(2, 3)));
    }

    @Test
    void versionZeroMeansTheBalanceRowMustNotExistYet() {
        assertEquals(0L, posting().requireVersion(0).expectedVersion());
    }
}
