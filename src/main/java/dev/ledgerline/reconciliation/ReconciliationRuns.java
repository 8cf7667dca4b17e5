package dev.ledgerline.reconciliation;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.JobMetrics;
import dev.ledgerline.stripe.RecentActivity;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import dev.ledgerline.stripe.StripeRefund;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two ways to reconcile: one account (every payment it has), or the service (each of our
 * payments among the PaymentIntents, refunds and disputes Stripe created in the lookback window:
 * the window starts from Stripe's side, so a refund made in Stripe's Dashboard months after its
 * payment is looked at too). A service-wide run's report is kept as the latest; runs are timed as
 * {@code ledgerline.reconciliation.runs} and differences counted as
 * {@code ledgerline.reconciliation.discrepancies{kind,applied}}.
 */
@Singleton
public class ReconciliationRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationRuns.class);
    /** At most this many of each kind of Stripe object per run (newest first); the rest wait for a later run. */
    private static final int MAX_OBJECTS = 5000;

    private final Reconciler reconciler;
    private final PaymentRepo payments;
    private final AccountRepo accounts;
    private final ReconciliationRepo reports;
    private final StripeGateway stripe;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration lookback;

    public ReconciliationRuns(Reconciler reconciler, PaymentRepo payments, AccountRepo accounts, ReconciliationRepo reports,
                              StripeGateway stripe, MeterRegistry meters, Clock clock,
                              @Value("${billing.reconciliation.lookback:7d}") Duration lookback) {
        this.reconciler = reconciler;
        this.payments = payments;
        this.accounts = accounts;
        this.reports = reports;
        this.stripe = stripe;
        this.meters = meters;
        this.clock = clock;
        this.lookback = lookback;
    }

    public ReconciliationReport account(String accountId, boolean apply) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFound("No such account.");
        }
        Instant started = clock.instant();
        List<Discrepancy> found = new ArrayList<>();
        int checked = reconciler.reconcileAccount(accountId, apply, found);
        return report("account", accountId, null, started, checked, found);
    }

    public ReconciliationReport service(boolean apply) {
        ReconciliationReport report = JobMetrics.run(meters, "ledgerline.reconciliation", "payments", () -> serviceRun(apply),
                r -> Map.of("checked", r.paymentsChecked()));
        reports.saveLatest(report);
        return report;
    }

    public Optional<ReconciliationReport> latest() {
        return reports.latest();
    }

    private ReconciliationReport serviceRun(boolean apply) {
        Instant started = clock.instant();
        Instant since = started.minus(lookback);
        RecentActivity activity = stripe.activitySince(since.getEpochSecond(), MAX_OBJECTS);
        Map<String, Map<String, Payment>> byAccount = new LinkedHashMap<>();
        activity.paymentIntents().forEach(intent -> payments.findFor(intent).ifPresent(p -> add(byAccount, p)));
        for (StripeRefund refund : activity.refunds()) {
            byIntent(refund.paymentIntent(), refund.charge()).ifPresent(p -> add(byAccount, p));
        }
        for (StripeDispute dispute : activity.disputes()) {
            byIntent(dispute.paymentIntent(), dispute.charge()).ifPresent(p -> add(byAccount, p));
        }
        List<Discrepancy> found = new ArrayList<>();
        int checked = 0;
        for (var account : byAccount.entrySet()) {
            try {
                checked += reconciler.reconcile(account.getKey(), account.getValue().values(), apply, found);
            } catch (RuntimeException e) {
                // One account's trouble (Stripe failing on one object, say) does not stop the others; the next run looks again.
                LOG.warn("Reconciliation of account {} failed: {}: {}", account.getKey(), e.getClass().getSimpleName(), e.getMessage());
            }
        }
        return report("service", null, since, started, checked, found);
    }

    private Optional<Payment> byIntent(@Nullable String intentId, @Nullable String chargeId) {
        String intent = intentId != null || chargeId == null ? intentId : stripe.retrieveCharge(chargeId).paymentIntent();
        return intent == null ? Optional.empty() : payments.findByIntent(intent);
    }

    private static void add(Map<String, Map<String, Payment>> byAccount, Payment payment) {
        byAccount.computeIfAbsent(payment.accountId(), a -> new LinkedHashMap<>()).putIfAbsent(payment.id(), payment);
    }

    private ReconciliationReport report(String scope, @Nullable String accountId, @Nullable Instant since, Instant started, int checked,
                                        List<Discrepancy> found) {
        int applied = (int) found.stream().filter(Discrepancy::applied).count();
        List<Discrepancy> kept = found.size() <= ReconciliationReport.KEPT ? List.copyOf(found) : List.copyOf(found.subList(0, ReconciliationReport.KEPT));
        return new ReconciliationReport(scope, accountId, since, started, clock.instant(), checked, kept, applied, found.size() - applied);
    }
}
