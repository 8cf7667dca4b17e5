package dev.ledgerline.documents;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.Balance;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.LedgerService;
import io.micronaut.context.annotation.Value;
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

    /** Attempts at reading the balance and the entries unchanged before answering 409 {@code ledger_busy}. */
    private static final int ATTEMPTS = 3;

    private final AccountRepo accounts;
    private final LedgerRepo ledger;
    private final LedgerService balances;
    private final PdfRenderer renderer;
    private final BusinessProperties business;
    private final Clock clock;
    private final int maxLines;

    public Statements(AccountRepo accounts, LedgerRepo ledger, LedgerService balances, PdfRenderer renderer, BusinessProperties business,
                      Clock clock, @Value("${billing.statements.max-lines:500}") int maxLines) {
        this.maxLines = maxLines;
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
        Month read = read(accountId, start, end);
        String currency = read.balance().currency();
        long opening = read.balance().balance() - read.settledSince();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (StatementLines.Row row : read.settled().rows()) {
            lines.add(Map.of("date", row.date(), "description", row.description(), "kind", row.kind(),
                    "amount", Money.format(row.amount(), currency), "balance", Money.format(opening + row.cumulative(), currency)));
        }
        long running = opening + read.totals().values().stream().mapToLong(Long::longValue).sum();
        List<Map<String, Object>> pending = new ArrayList<>();
        for (StatementLines.Row row : read.pending().rows()) {
            pending.add(Map.of("date", row.date(), "description", row.description(), "amount", Money.format(row.amount(), currency)));
        }
        List<Map<String, Object>> totalLines = new ArrayList<>();
        read.totals().forEach((type, sum) -> totalLines.add(Map.of("kind", StatementLines.plural(type), "amount", Money.format(sum, currency))));

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
        values.put("pendingAtClose", Money.format(read.balance().pendingCharges() - read.pendingAfter(), currency));
        values.put("summary", summary(read.settled(), "entries"));
        values.put("pendingSummary", summary(read.pending(), "pending charges"));
        return values;
    }

    /** A month read as of one version of the balance row: its rows, its totals, and what came after it. */
    private record Month(Balance balance, long settledSince, long pendingAfter, StatementLines settled, StatementLines pending,
                         Map<EntryType, Long> totals) {
    }

    /**
     * The balance row and the entries since {@code start}, streamed (a busy account's months are
     * too many entries to hold), as of one version of the balance row.
     */
    private Month read(String accountId, Instant start, Instant end) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Balance before = balances.balance(accountId);
            long[] sums = new long[2]; // settled since the start; pending posted after the month
            StatementLines settled = new StatementLines(maxLines);
            StatementLines pending = new StatementLines(maxLines);
            Map<EntryType, Long> totals = new EnumMap<>(EntryType.class);
            ledger.since(accountId, start, entry -> {
                boolean inMonth = entry.createdAt().isBefore(end);
                if (entry.status() == EntryStatus.SETTLED) {
                    sums[0] += entry.amount();
                    if (inMonth) {
                        settled.add(entry);
                        totals.merge(entry.type(), entry.amount(), Long::sum);
                    }
                } else if (inMonth) {
                    pending.add(entry);
                } else {
                    sums[1] += entry.amount();
                }
            });
            Balance after = balances.balance(accountId);
            if (before.version() == after.version()) {
                return new Month(after, sums[0], sums[1], settled, pending, totals);
            }
        }
        // A conflict with the writes going on, not the service failing: 409, as for other concurrent changes.
        throw new Conflict("ledger_busy", "The ledger changed while the statement was read, " + ATTEMPTS + " times; try again.");
    }

    /** Null when every entry has its row; else what the reader needs to know about the rows. */
    private String summary(StatementLines lines, String what) {
        return lines.byDay() ? String.format(java.util.Locale.US, "This month has %,d %s, more than a statement lists one by one (%,d):"
                + " they are summed by day and kind. The ledger in the billing panel lists each one.", lines.count(), what, maxLines) : null;
    }
}
