package dev.ledgerline.documents;

import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementLinesTest {

    private static final Instant DAY1 = Instant.parse("2026-12-10T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-11T09:00:00Z");

    private static LedgerEntry entry(EntryType type, long amount, String description, Instant at) {
        return new LedgerEntry("e" + at.toEpochMilli() + amount, type, amount, "usd", description, EntryStatus.SETTLED, null, at);
    }

    @Test
    void upToTheLimitEachEntryIsARowWithTheRunningSum() {
        StatementLines lines = new StatementLines(3);
        lines.add(entry(EntryType.CHARGE, 500, "Plan", DAY1));
        lines.add(entry(EntryType.CREDIT, -100, "Goodwill", DAY1));
        lines.add(entry(EntryType.PAYMENT, -400, "Payment of the balance", DAY2));
        assertFalse(lines.byDay());
        assertEquals(List.of(new StatementLines.Row("Dec 10, 2026", "Plan", "Charge", 500, 500),
                new StatementLines.Row("Dec 10, 2026", "Goodwill", "Credit", -100, 400),
                new StatementLines.Row("Dec 11, 2026", "Payment of the balance", "Payment", -400, 0)), lines.rows());
    }

    @Test
    void pastTheLimitTheRowsAreDaysAndKindsAndStillAddUp() {
        StatementLines lines = new StatementLines(3);
        lines.add(entry(EntryType.CHARGE, 100, "Usage 1", DAY1));
        lines.add(entry(EntryType.PAYMENT, -100, "Payment of the balance", DAY1.plusSeconds(1)));
        lines.add(entry(EntryType.CHARGE, 250, "Usage 2", DAY1.plusSeconds(2)));
        lines.add(entry(EntryType.CHARGE, 1_000, "Usage 3", DAY2));
        lines.add(entry(EntryType.CHARGE, 1_000, "Usage 4", DAY2.plusSeconds(1)));
        assertTrue(lines.byDay());
        assertEquals(5, lines.count());
        // Day 1's charges are one row although a payment came between them; each day's last row is its closing sum.
        assertEquals(List.of(new StatementLines.Row("Dec 10, 2026", "2 charges", "Charge", 350, 350),
                new StatementLines.Row("Dec 10, 2026", "Payment of the balance", "Payment", -100, 250),
                new StatementLines.Row("Dec 11, 2026", "2 charges", "Charge", 2_000, 2_250)), lines.rows());
    }
}
