package dev.ledgerline.payments.autopay;

import dev.ledgerline.errors.DomainException;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.JobMetrics;
import dev.ledgerline.payments.PayBalance;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentKind;
import dev.ledgerline.web.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Pays the settled balance due of every account with autopay on, through the same path as
 * pay-balance (default first, then the priority order). Safe with several instances running: the
 * payment id is derived from the account and the UTC day, so racing runs create one payment, and
 * the reservation leaves nothing due for a second. After failures it waits 1, 3, then 7 days.
 * Runs are timed as {@code ledgerline.autopay.runs}; accounts are counted as
 * {@code ledgerline.autopay.accounts} by result ({@code paid}, {@code skipped}, {@code failed}).
 */
@Singleton
public class AutopayJob {

    private static final Logger LOG = LoggerFactory.getLogger(AutopayJob.class);
    static final List<Duration> RETRY_AFTER = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));

    public record Run(int accounts, int paid, int skipped, int failed) {
    }

    private final AutopayRepo autopay;
    private final LedgerService ledger;
    private final PayBalance payBalance;
    private final Clock clock;
    private final MeterRegistry meters;

    public AutopayJob(AutopayRepo autopay, LedgerService ledger, PayBalance payBalance, Clock clock, MeterRegistry meters) {
        this.autopay = autopay;
        this.ledger = ledger;
        this.payBalance = payBalance;
        this.clock = clock;
        this.meters = meters;
    }

    public Run runOnce() {
        return JobMetrics.run(meters, "ledgerline.autopay", "accounts", this::payAll,
                run -> Map.of("paid", run.paid(), "skipped", run.skipped(), "failed", run.failed()));
    }

    private Run payAll() {
        int paid = 0;
        int skipped = 0;
        int failed = 0;
        List<String> accounts = autopay.enabledAccounts();
        for (String accountId : accounts) {
            Instant now = clock.instant();
            AutopayRepo.State state = autopay.state(accountId);
            if (state.failures() > 0 && state.lastFailureAt() != null && now.isBefore(state.lastFailureAt().plus(retryAfter(state.failures())))) {
                skipped++;
                continue;
            }
            if (ledger.balance(accountId).due() <= 0) {
                skipped++;
                continue;
            }
            try (MDC.MDCCloseable account = MDC.putCloseable(RequestIdFilter.MDC_ACCOUNT_ID, accountId)) {
                Payment payment = payBalance.pay(accountId, PaymentKind.AUTOPAY, null, "autopay:" + LocalDate.ofInstant(now, ZoneOffset.UTC));
                LOG.info("Autopay for account {}: payment {} is {}", accountId, payment.id(), payment.status().value());
                paid++;
            } catch (DomainException notPayable) {
                LOG.info("Autopay for account {} skipped: {}", accountId, notPayable.code());
                skipped++;
            } catch (RuntimeException e) {
                LOG.warn("Autopay for account {} failed: {}", accountId, e.toString());
                failed++;
            }
        }
        return new Run(accounts.size(), paid, skipped, failed);
    }

    static Duration retryAfter(int failures) {
        return RETRY_AFTER.get(Math.min(failures, RETRY_AFTER.size()) - 1);
    }
}
