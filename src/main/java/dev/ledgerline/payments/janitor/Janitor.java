package dev.ledgerline.payments.janitor;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.jobs.JobProperties;
import dev.ledgerline.jobs.ShardRunner;
import dev.ledgerline.payments.CustomerActions;
import dev.ledgerline.payments.IntentUpdates;
import dev.ledgerline.payments.JobMetrics;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentAttempts;
import dev.ledgerline.payments.PaymentKind;
import dev.ledgerline.payments.PaymentOutcomes;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.PaymentStatus;
import dev.ledgerline.payments.checkout.CheckoutSettlement;
import dev.ledgerline.store.Page;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRejection;
import dev.ledgerline.stripe.StripeServerError;
import dev.ledgerline.web.RequestIdFilter;
import dev.ledgerline.stripe.StripePaymentIntent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Re-asks Stripe about payments left open past a threshold and applies the answer, so a lost
 * webhook or a crash between the Stripe call and our write never loses or doubles money:
 * <ul>
 *   <li>with a PaymentIntent id: retrieve it and apply its status;</li>
 *   <li>without one (the answer to our create was lost): replay the create with the same
 *       idempotency key within Stripe's 24 h window (Stripe answers with the original intent, or
 *       makes the charge the request asked for), later search by our metadata; search at once
 *       when the replay gets a Stripe 5xx (the first answer saved under the key, replayed for
 *       24 h), and fail the payment when nothing is found once it is {@link #SEARCH_LAG} old;</li>
 *   <li>waiting for the customer's authentication ({@link CustomerActions}): they may complete it
 *       in the panel for {@code billing.payments.action-window} (3 days) after they were asked;
 *       then the intent is canceled and the payment fails;</li>
 *   <li>Checkout: apply the session's outcome, cancel it once expired.</li>
 * </ul>
 * A payment still undecided is looked at again later, the later the older it is
 * ({@link LookSchedule}). Runs are timed as {@code ledgerline.janitor.runs}; the payments it
 * looked at are counted as {@code ledgerline.janitor.payments} by result ({@code resolved},
 * {@code still_open}, {@code error}).
 */
@Singleton
public class Janitor {

    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
    private static final Duration REPLAY_WINDOW = Duration.ofHours(23);
    /**
     * How old a payment must be before a metadata search that finds no intent for it is believed
     * and the payment failed: Stripe's search shows a new object within a minute normally, but up
     * to an hour late during an outage (and a Stripe 5xx is a sign of one). Twice that, counted
     * from the payment's creation, which a paying request's attempts follow within minutes.
     */
    private static final Duration SEARCH_LAG = Duration.ofHours(2);
    private static final int BATCH = 100;
    /** At most this many pages of each status and shard per run (the rest wait for the next run). */
    private static final int MAX_PAGES = 20;

    /** What one pass did: the payments looked at, by result, and the shards this instance worked. */
    public record Run(int examined, int resolved, int stillOpen, int errors, int shards) {
    }

    /** The shards' leases, in {@code LEASES#janitor}. */
    static final String JOB = "janitor";

    private final PaymentRepo payments;
    /** How long a payment waits for its customer to authenticate it (the panel's confirmation) before it is canceled. */
    private final Duration actionWindow;
    private final PaymentOutcomes outcomes;
    private final IntentUpdates updates;
    private final CustomerActions actions;
    private final StripeGateway stripe;
    private final StripeCustomers customers;
    private final CheckoutSettlement checkout;
    private final Clock clock;
    private final LookSchedule schedule;
    private final MeterRegistry meters;
    private final ShardRunner shards;
    private final JobProperties jobs;
    private final Duration interval;

    public Janitor(PaymentRepo payments, PaymentOutcomes outcomes, IntentUpdates updates, CustomerActions actions, StripeGateway stripe,
                   StripeCustomers customers, CheckoutSettlement checkout, Clock clock,
                   @Value("${billing.janitor.threshold:15m}") Duration threshold, MeterRegistry meters, ShardRunner shards,
                   JobProperties jobs, @Value("${billing.janitor.interval:5m}") Duration interval,
                   @Value("${billing.payments.action-window:3d}") Duration actionWindow) {
        this.actionWindow = actionWindow;
        this.payments = payments;
        this.outcomes = outcomes;
        this.updates = updates;
        this.actions = actions;
        this.stripe = stripe;
        this.customers = customers;
        this.checkout = checkout;
        this.clock = clock;
        this.schedule = new LookSchedule(threshold);
        this.meters = meters;
        this.shards = shards;
        this.jobs = jobs;
        this.interval = interval;
    }

    /** A pass over every shard this instance can lease now (tests, and a run asked for by hand). */
    public Run runOnce() {
        return run(null);
    }

    /**
     * The scheduled pass: the shards not yet looked through in this cycle (one janitor interval),
     * so the instances share each cycle's shards.
     */
    public Run runCycle() {
        return run(ShardRunner.cycleOf(clock.instant(), interval));
    }

    private Run run(@Nullable String cycle) {
        return JobMetrics.run(meters, "ledgerline.janitor", "payments", () -> {
                    Tally tally = new Tally();
                    tally.shards = shards.run(JOB, jobs.shards(), jobs.leaseTime(), cycle, (shard, lease) -> examine(shard, lease, tally));
                    return new Run(tally.examined, tally.resolved, tally.open, tally.errors, tally.shards);
                },
                run -> Map.of("resolved", run.resolved(), "still_open", run.stillOpen(), "error", run.errors()));
    }

    private void examine(int shard, ShardRunner.Lease lease, Tally tally) {
        Instant now = clock.instant();
        for (PaymentStatus status : List.of(PaymentStatus.PROCESSING, PaymentStatus.REQUIRES_ACTION)) {
            for (String partition : PaymentRepo.openPartitions(status, shard)) {
                String cursor = null;
                int pages = 0;
                do {
                    if (!lease.keep()) {
                        return; // taken over: the new owner carries on
                    }
                    Page<Payment> page = payments.dueForLook(partition, now, BATCH, cursor);
                    page.items().forEach(payment -> examine(payment, tally));
                    cursor = page.nextCursor();
                } while (cursor != null && ++pages < MAX_PAGES);
            }
        }
    }

    private static final class Tally {
        int shards;
        int examined;
        int resolved;
        int open;
        int errors;
    }

    /** One payment; whatever goes wrong with it is counted and logged, and the run goes on to the next. */
    private void examine(Payment payment, Tally tally) {
        if (payment.lockedAt(clock.instant())) {
            return;
        }
        tally.examined++;
        try (MDC.MDCCloseable account = MDC.putCloseable(RequestIdFilter.MDC_ACCOUNT_ID, payment.accountId())) {
            Payment after = resolve(payment);
            if (after.status().isTerminal()) {
                tally.resolved++;
            } else {
                tally.open++;
                touch(after);
            }
        } catch (RuntimeException e) {
            LOG.warn("Janitor could not settle payment {} yet: {}: {}", payment.id(), e.getClass().getSimpleName(), e.getMessage());
            tally.errors++;
            try {
                // Looked at again later, not first in line at every run.
                touch(payment);
            } catch (RuntimeException touchFailed) {
                LOG.warn("Janitor could not reschedule payment {}: {}", payment.id(), touchFailed.getClass().getSimpleName());
            }
        }
    }

    private Payment resolve(Payment payment) {
        if (payment.kind() == PaymentKind.CHECKOUT) {
            // The session decides: its intent may have failed a try while the page stays open for another card.
            return checkout(payment);
        }
        if (payment.intentId() == null) {
            return findLostIntent(payment);
        }
        StripePaymentIntent intent = stripe.retrievePaymentIntent(payment.intentId());
        if (CustomerActions.waitsForCustomer(intent) && payment.status() == PaymentStatus.REQUIRES_ACTION) {
            if (clock.instant().isBefore(payment.updatedAt().plus(actionWindow))) {
                return payment; // the customer was asked (the panel, an email) and may still confirm it
            }
            // Unpaid as surely as a decline: it fails (the balance is past due, autopay counts a failure).
            return actions.fail(payment, intent, "The payment was not authenticated in time; it was canceled.");
        }
        return updates.apply(payment, intent); // a webhook was lost: a waiting intent now asks the customer
    }

    private Payment findLostIntent(Payment payment) {
        if (payment.createdAt().isAfter(clock.instant().minus(REPLAY_WINDOW))) {
            try {
                StripePaymentIntent intent = stripe.chargeOffSession(PaymentAttempts.charge(payment, customers.customerIdFor(payment.accountId())),
                        PaymentAttempts.idempotencyKey(payment));
                LOG.info("Janitor replayed attempt {} of payment {}: intent {} is {}", payment.attempt(), payment.id(), intent.id(),
                        intent.status());
                return outcomes.apply(payment, intent);
            } catch (StripeRejection declined) {
                return actions.declined(payment, declined);
            } catch (StripeServerError failed) {
                // Most likely the create's own 5xx, saved under its key and answered to every replay for 24 h: it says
                // nothing, so ask the search instead. The next look replays once more, in case Stripe had not saved it.
                LOG.info("Janitor replayed attempt {} of payment {}: Stripe answered {}; searching by metadata", payment.attempt(),
                        payment.id(), failed.httpStatus());
            }
        }
        return findByMetadata(payment);
    }

    private Payment findByMetadata(Payment payment) {
        List<StripePaymentIntent> found = stripe.searchPaymentIntents(PaymentAttempts.PAYMENT_METADATA, payment.id()).stream()
                .filter(pi -> Integer.toString(payment.attempt()).equals(pi.metadata().get(PaymentAttempts.ATTEMPT_METADATA)))
                .toList();
        if (!found.isEmpty()) {
            return outcomes.apply(payment, found.get(0));
        }
        if (payment.createdAt().isAfter(clock.instant().minus(SEARCH_LAG))) {
            return payment; // the search may not show it yet: look again later
        }
        return outcomes.fail(payment, "Stripe has no record of this payment; nothing was charged.", null);
    }

    private Payment checkout(Payment payment) {
        if (payment.checkoutSessionId() == null) {
            return outcomes.cancel(payment, "The Checkout page was never created.", null);
        }
        return checkout.settle(payment, stripe.retrieveCheckoutSession(payment.checkoutSessionId()));
    }

    private void touch(Payment payment) {
        Instant now = clock.instant();
        payments.save(payment.change().lookAfter(schedule.next(payment, now)).at(now));
    }
}
