package dev.ledgerline.payments.autopay;

import dev.ledgerline.errors.DomainException;
import dev.ledgerline.jobs.JobProperties;
import dev.ledgerline.jobs.ShardRunner;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.JobMetrics;
import dev.ledgerline.payments.PayBalance;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentKind;
import dev.ledgerline.store.Page;
import dev.ledgerline.web.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pays the settled balance due of every account with autopay on, through the same path as
 * pay-balance (default first, then the priority order). The accounts are sharded; each instance
 * pays the shards it leases ({@link ShardRunner}), up to {@code billing.jobs.autopay-concurrency}
 * accounts at once. Safe when two work one account anyway (a lease that ran out): the payment id is
 * derived from the account and the UTC day, so racing runs create one payment, and the reservation
 * leaves nothing due for a second. After failures it waits 1, 3, then 7 days. Runs are timed as
 * {@code ledgerline.autopay.runs}; accounts are counted as {@code ledgerline.autopay.accounts} by
 * result ({@code paid}, {@code skipped}, {@code failed}).
 */
@Singleton
public class AutopayJob {

    private static final Logger LOG = LoggerFactory.getLogger(AutopayJob.class);
    static final List<Duration> RETRY_AFTER = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));
    /** The shards' leases, in {@code LEASES#autopay}. */
    static final String JOB = "autopay";
    private static final int PAGE = 100;

    /** What one pass did: the accounts read, by result, and the shards this instance worked. */
    public record Run(int accounts, int paid, int skipped, int failed, int shards) {
    }

    private final AutopayRepo autopay;
    private final LedgerService ledger;
    private final PayBalance payBalance;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ShardRunner shards;
    private final JobProperties jobs;
    private final Duration interval;
    private final ExecutorService payers;

    public AutopayJob(AutopayRepo autopay, LedgerService ledger, PayBalance payBalance, Clock clock, MeterRegistry meters,
                      ShardRunner shards, JobProperties jobs, @Value("${billing.autopay.interval:1h}") Duration interval) {
        this.autopay = autopay;
        this.ledger = ledger;
        this.payBalance = payBalance;
        this.clock = clock;
        this.meters = meters;
        this.shards = shards;
        this.jobs = jobs;
        this.interval = interval;
        this.payers = Executors.newFixedThreadPool(Math.max(1, jobs.autopayConcurrency()), runnable -> {
            Thread thread = new Thread(runnable, "autopay");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        payers.shutdownNow();
    }

    /** A pass over every shard this instance can lease now (tests, and a run asked for by hand). */
    public Run runOnce() {
        return run(null);
    }

    /** The scheduled pass: the shards not yet paid in this cycle (one autopay interval), shared by the instances. */
    public Run runCycle() {
        return run(ShardRunner.cycleOf(clock.instant(), interval));
    }

    private Run run(@Nullable String cycle) {
        return JobMetrics.run(meters, "ledgerline.autopay", "accounts", () -> {
                    Tally tally = new Tally();
                    int worked = shards.run(JOB, jobs.shards(), jobs.leaseTime(), cycle, (shard, lease) -> payShard(shard, lease, tally));
                    return new Run(tally.accounts.get(), tally.paid.get(), tally.skipped.get(), tally.failed.get(), worked);
                },
                run -> Map.of("paid", run.paid(), "skipped", run.skipped(), "failed", run.failed()));
    }

    private static final class Tally {
        final AtomicInteger accounts = new AtomicInteger();
        final AtomicInteger paid = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
    }

    private void payShard(int shard, ShardRunner.Lease lease, Tally tally) {
        for (String partition : AutopayRepo.partitions(shard)) {
            String cursor = null;
            do {
                if (!lease.keep()) {
                    return; // taken over: the new owner carries on
                }
                Page<String> page = autopay.enabledAccounts(partition, PAGE, cursor);
                payAll(page.items(), tally);
                cursor = page.nextCursor();
            } while (cursor != null);
        }
    }

    /** One page of accounts, at most {@code autopay-concurrency} at once; returns when all are done. */
    private void payAll(List<String> accounts, Tally tally) {
        List<Callable<Void>> payments = accounts.stream().<Callable<Void>>map(accountId -> () -> {
            pay(accountId, tally);
            return null;
        }).toList();
        try {
            for (Future<Void> done : payers.invokeAll(payments)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("autopay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("autopay failed", e.getCause());
        }
    }

    /** One account; whatever goes wrong with it is counted and logged, and the run goes on. */
    private void pay(String accountId, Tally tally) {
        tally.accounts.incrementAndGet();
        try (MDC.MDCCloseable account = MDC.putCloseable(RequestIdFilter.MDC_ACCOUNT_ID, accountId)) {
            // The balance first: most accounts have nothing due, and then the retry state is not read.
            if (ledger.balance(accountId).due() <= 0 || waiting(autopay.state(accountId), clock.instant())) {
                tally.skipped.incrementAndGet();
                return;
            }
            Instant now = clock.instant();
            Payment payment = payBalance.pay(accountId, PaymentKind.AUTOPAY, null, "autopay:" + LocalDate.ofInstant(now, ZoneOffset.UTC));
            LOG.info("Autopay for account {}: payment {} is {}", accountId, payment.id(), payment.status().value());
            tally.paid.incrementAndGet();
        } catch (DomainException notPayable) {
            LOG.info("Autopay for account {} skipped: {}", accountId, notPayable.code());
            tally.skipped.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("Autopay for account {} failed: {}", accountId, e.toString());
            tally.failed.incrementAndGet();
        }
    }

    /** Whether the last failures ask to wait before trying again. */
    private static boolean waiting(AutopayRepo.State state, Instant now) {
        return state.failures() > 0 && state.lastFailureAt() != null && now.isBefore(state.lastFailureAt().plus(retryAfter(state.failures())));
    }

    /** When autopay tries the account again after the failures recorded (at its first cycle from then); null: at its next cycle. */
    public static Instant nextAttempt(AutopayRepo.State state) {
        return state.failures() > 0 && state.lastFailureAt() != null ? state.lastFailureAt().plus(retryAfter(state.failures())) : null;
    }

    static Duration retryAfter(int failures) {
        return RETRY_AFTER.get(Math.min(failures, RETRY_AFTER.size()) - 1);
    }
}
