package dev.ledgerline.documents;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.RetryLater;
import dev.ledgerline.ledger.Balance;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.LedgerService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A month's statement from the ledger. The ledger is append-only and the balance row is the sum of
 * its settled entries, so the balance at any instant is today's balance less the settled entries
 * made since: a statement reads the balance row and the entries from the month's start on, and
 * nothing has to be kept per month. The two reads are checked against each other by the balance
 * row's version (read before and after), so an entry posted in between cannot skew the figures.
 */
@Singleton
public class Statements {

    /** Attempts at reading the balance and the entries unchanged before answering 503. */
    private static final int ATTEMPTS = 3;

    private final AccountRepo accounts;
    private final LedgerRepo ledger;
    private final LedgerService balances;
    private final PdfRenderer renderer;
    private final BusinessProperties business;
    private final Clock clock;

    public Statements(AccountRepo accounts, LedgerRepo ledger, LedgerService balances, PdfRenderer renderer, BusinessProperties business,
                      Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.balances = balances;
        this.renderer = renderer;
        this.business = business;
        this.clock = clock;
    }

    /** Every month from the account's first to the current one (UTC), newest first. */
    public List<YearMonth> months(String accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFound("No such account."));
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = DocumentDates.monthOf(clock.instant()); !month.isBefore(DocumentDates.monthOf(account.createdAt()));
             month = month.minusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    public byte[] pdf(String accountId, YearMonth month) {
        return renderer.pdf("statement", values(accountId, month));
    }

    Map<String, Object> values(String accountId, YearMonth month) {
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFound("No such account."));
        YearMonth first = DocumentDates.monthOf(account.createdAt());
        YearMonth current = DocumentDates.monthOf(clock.instant());
        if (month.isBefore(first) || month.isAfter(current)) {
            throw new NotFound("No statement for " + month + ": this account's statements run from " + first + " to " + current + ".");
        }
        Instant start = DocumentDates.startOf(month);
        Instant end = DocumentDates.startOf(month.plusMonths(1));
        Snapshot snapshot = snapshot(accountId, start);
        String currency = snapshot.balance().currency();

        long settledSince = 0;
        long pendingAfter = 0;
        for (LedgerEntry entry : snapshot.since()) {
            if (entry.status() == EntryStatus.SETTLED) {
                settledSince += entry.amount();
            } else if (!entry.createdAt().isBefore(end)) {
                pendingAfter += entry.amount();
            }
        }
        long opening = snapshot.balance().balance() - settledSince;
        long running = opening;
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> pending = new ArrayList<>();
        Map<EntryType, Long> totals = new EnumMap<>(EntryType.class);
        for (LedgerEntry entry : snapshot.since()) {
            if (!entry.createdAt().isBefore(end)) {
                break; // oldest first: the rest are later months'
            }
            if (entry.status() == EntryStatus.PENDING) {
                pending.add(Map.of("date", DocumentDates.day(entry.createdAt()), "description", entry.description(),
                        "amount", Money.format(entry.amount(), currency)));
                continue;
            }
            running += entry.amount();
            totals.merge(entry.type(), entry.amount(), Long::sum);
            lines.add(Map.of("date", DocumentDates.day(entry.createdAt()), "description", entry.description(), "kind", kind(entry.type()),
                    "amount", Money.format(entry.amount(), currency), "balance", Money.format(running, currency)));
        }
        List<Map<String, Object>> totalLines = new ArrayList<>();
        totals.forEach((type, sum) -> totalLines.add(Map.of("kind", plural(type), "amount", Money.format(sum, currency))));

        Instant lastDay = end.minusSeconds(1);
        Instant closedAt = month.equals(current) ? clock.instant() : lastDay;
        Map<String, Object> values = new HashMap<>();
        values.put("title", "Statement " + month + " " + account.accountId());
        values.put("business", DocumentViews.business(business));
        values.put("account", DocumentViews.account(account));
        values.put("monthName", DocumentDates.month(month));
        values.put("period", DocumentDates.longDay(start) + " – " + DocumentDates.longDay(closedAt)
                + (month.equals(current) ? " (so far)" : "") + ", UTC");
        values.put("currency", currency.toUpperCase(java.util.Locale.ROOT));
        values.put("openedOn", DocumentDates.day(start));
        values.put("closedOn", DocumentDates.day(closedAt));
        values.put("opening", Money.format(opening, currency));
        values.put("entries", lines);
        values.put("totals", totalLines);
        values.put("change", Money.format(running - opening, currency));
        values.put("closing", Money.format(running, currency));
        values.put("pending", pending);
        values.put("pendingAtClose", Money.format(snapshot.balance().pendingCharges() - pendingAfter, currency));
        return values;
    }

    private record Snapshot(Balance balance, List<LedgerEntry> since) {
    }

    /** The balance row and the entries since {@code start}, as of one version of the balance row. */
    private Snapshot snapshot(String accountId, Instant start) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Balance before = balances.balance(accountId);
            List<LedgerEntry> since = ledger.since(accountId, start);
            Balance after = balances.balance(accountId);
            if (before.version() == after.version()) {
                return new Snapshot(after, since);
            }
        }
        throw new RetryLater("ledger_busy", "The ledger changed while the statement was read; try again.");
    }

    private static String kind(EntryType type) {
        return switch (type) {
            case CHARGE -> "Charge";
            case PAYMENT -> "Payment";
            case REFUND -> "Refund";
            case DISPUTE -> "Dispute";
            case ADJUSTMENT -> "Adjustment";
            case CREDIT -> "Credit";
        };
    }

    private static String plural(EntryType type) {
        return kind(type) + "s";
    }
}
