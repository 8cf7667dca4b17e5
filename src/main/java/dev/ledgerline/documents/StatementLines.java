package dev.ledgerline.documents;

import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one table of a statement, from the month's entries in time order: one row per entry
 * while there are at most {@code maxLines}, and past that one row per day and kind ("3,412
 * charges"), so a month of a busy account still makes a statement of a few pages. Laid out one
 * row per entry, a month of 100,000 usage charges took the renderer 200 s and then the heap.
 * Each row's {@code cumulative} is the sum of the rows down to it, so a balance column adds up
 * either way, and after a day's last row it is the balance at that day's end.
 */
final class StatementLines {

    record Row(String date, String description, String kind, long amount, long cumulative) {
    }

    private record Day(String date, EntryType type) {
    }

    private static final class Group {
        final LedgerEntry first;
        long count;
        long amount;

        Group(LedgerEntry first) {
            this.first = first;
        }
    }

    private final int maxLines;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<Day, Group> days = new LinkedHashMap<>();
    private long count;

    StatementLines(int maxLines) {
        this.maxLines = maxLines;
    }

    void add(LedgerEntry entry) {
        count++;
        if (count <= maxLines) {
            entries.add(entry);
            return;
        }
        if (!entries.isEmpty()) {
            entries.forEach(this::addToDay);
            entries.clear();
        }
        addToDay(entry);
    }

    private void addToDay(LedgerEntry entry) {
        Group group = days.computeIfAbsent(new Day(DocumentDates.day(entry.createdAt()), entry.type()), day -> new Group(entry));
        group.count++;
        group.amount += entry.amount();
    }

    /** How many entries were added. */
    long count() {
        return count;
    }

    /** Whether the rows are days and kinds rather than entries. */
    boolean byDay() {
        return count > maxLines;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        long cumulative = 0;
        if (!byDay()) {
            for (LedgerEntry entry : entries) {
                cumulative += entry.amount();
                rows.add(new Row(DocumentDates.day(entry.createdAt()), entry.description(), kind(entry.type()), entry.amount(), cumulative));
            }
            return rows;
        }
        for (Map.Entry<Day, Group> day : days.entrySet()) {
            Group group = day.getValue();
            cumulative += group.amount;
            String description = group.count == 1 ? group.first.description()
                    : String.format(Locale.US, "%,d %s", group.count, plural(day.getKey().type()).toLowerCase(Locale.ROOT));
            rows.add(new Row(day.getKey().date(), description, kind(day.getKey().type()), group.amount, cumulative));
        }
        return rows;
    }

    static String kind(EntryType type) {
        return switch (type) {
            case CHARGE -> "Charge";
            case PAYMENT -> "Payment";
            case REFUND -> "Refund";
            case DISPUTE -> "Dispute";
            case ADJUSTMENT -> "Adjustment";
            case CREDIT -> "Credit";
        };
    }

    static String plural(EntryType type) {
        return kind(type) + "s";
    }
}
