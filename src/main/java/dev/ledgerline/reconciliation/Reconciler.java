package dev.ledgerline.reconciliation;

import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentOutcomes;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.PaymentStatus;
import dev.ledgerline.payments.reversals.ChargeReversals;
import dev.ledgerline.payments.reversals.ChargeReversals.DisputeBooking;
import dev.ledgerline.payments.reversals.ChargeReversals.RefundBooking;
import dev.ledgerline.store.Page;
import dev.ledgerline.stripe.StripeCheckoutSession;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import dev.ledgerline.stripe.StripeRefund;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares an account's payments with Stripe: the PaymentIntent's status and amount received,
 * and every refund and dispute of its charges against how the ledger books them
 * ({@link ChargeReversals}). Where Stripe's word settles it and nothing can be taken twice, it is
 * applied through the same code as the webhooks (a missed success, a missed refund or dispute
 * stage, an intent Stripe canceled); what needs a person (money we hold as paid that Stripe never
 * collected, a payment we failed that Stripe collected) is only reported.
 * <p>
 * Cost per payment with a PaymentIntent: one retrieve, and for a collected one a list of its
 * refunds and one of its disputes; per account, one read of its ledger (to find bookings Stripe
 * does not report). Payments still trying their methods are left to their request.
 */
@Singleton
public class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final String DISCREPANCIES_METRIC = "ledgerline.reconciliation.discrepancies";
    private static final int PAGE = 100;

    private final PaymentRepo payments;
    private final PaymentOutcomes outcomes;
    private final ChargeReversals reversals;
    private final LedgerService ledger;
    private final StripeGateway stripe;
    private final MeterRegistry meters;
    private final Clock clock;

    public Reconciler(PaymentRepo payments, PaymentOutcomes outcomes, ChargeReversals reversals, LedgerService ledger,
                      StripeGateway stripe, MeterRegistry meters, Clock clock) {
        this.payments = payments;
        this.outcomes = outcomes;
        this.reversals = reversals;
        this.ledger = ledger;
        this.stripe = stripe;
        this.meters = meters;
        this.clock = clock;
    }

    /** Every payment of the account. Returns the number of payments compared; differences go to {@code found}. */
    public int reconcileAccount(String accountId, boolean apply, List<Discrepancy> found) {
        List<Payment> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Payment> page = payments.page(accountId, PAGE, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return reconcile(accountId, all, apply, found);
    }

    /** These payments of one account. */
    public int reconcile(String accountId, Collection<Payment> ofAccount, boolean apply, List<Discrepancy> found) {
        Bookings bookings = bookings(accountId);
        int checked = 0;
        for (Payment payment : ofAccount) {
            if (payment.lockedAt(clock.instant())) {
                continue;
            }
            checked++;
            reconcile(payment, bookings, apply, found);
        }
        return checked;
    }

    private void reconcile(Payment payment, Bookings bookings, boolean apply, List<Discrepancy> found) {
        String intentId = intentOf(payment);
        if (intentId == null) {
            return; // never reached Stripe, or a page nobody paid on: nothing to compare (the janitor ends those)
        }
        StripePaymentIntent intent = stripe.retrievePaymentIntent(intentId);
        boolean collected = "succeeded".equals(intent.status());
        comparePayment(payment, intent, collected, apply, found);
        if (collected || payment.status() == PaymentStatus.SUCCEEDED) {
            compareRefunds(payment, stripe.listRefundsOfIntent(intentId), bookings, apply, found);
            compareDisputes(payment, stripe.listDisputesOfIntent(intentId), bookings, apply, found);
        }
    }

    private @Nullable String intentOf(Payment payment) {
        if (payment.intentId() != null || payment.checkoutSessionId() == null) {
            return payment.intentId();
        }
        StripeCheckoutSession session = stripe.retrieveCheckoutSession(payment.checkoutSessionId());
        return session.paymentIntent();
    }

    private void comparePayment(Payment payment, StripePaymentIntent intent, boolean collected, boolean apply, List<Discrepancy> found) {
        String ours = payment.status().value();
        String theirs = intent.status() == null ? "unknown" : intent.status();
        if (collected && intent.amountReceived() != null && intent.amountReceived() != payment.amount()) {
            report(found, DiscrepancyKind.AMOUNT_MISMATCH, payment, intent.id(), ours + " " + payment.amount(),
                    theirs + " " + intent.amountReceived(), intent.amountReceived(), false);
        } else if (collected && !payment.status().isTerminal()) {
            boolean applied = apply && outcomes.succeed(payment, intent.id()).status() == PaymentStatus.SUCCEEDED;
            report(found, DiscrepancyKind.PAYMENT_NOT_RECORDED, payment, intent.id(), ours, theirs, payment.amount(), applied);
        } else if (collected && payment.status() != PaymentStatus.SUCCEEDED) {
            report(found, DiscrepancyKind.PAYMENT_RECORDED_AS_FAILED, payment, intent.id(), ours, theirs, payment.amount(), false);
        } else if (!collected && payment.status() == PaymentStatus.SUCCEEDED) {
            report(found, DiscrepancyKind.PAYMENT_NOT_AT_STRIPE, payment, intent.id(), ours, theirs, payment.amount(), false);
        } else if ("canceled".equals(intent.status()) && !payment.status().isTerminal()) {
            boolean applied = apply && outcomes.cancel(payment, "The payment was canceled.", intent.id()).status().isTerminal();
            report(found, DiscrepancyKind.PAYMENT_CANCELED_AT_STRIPE, payment, intent.id(), ours, theirs, payment.amount(), applied);
        }
    }

    private void compareRefunds(Payment payment, List<StripeRefund> refunds, Bookings bookings, boolean apply, List<Discrepancy> found) {
        Set<String> atStripe = new HashSet<>();
        for (StripeRefund refund : refunds) {
            if (!payment.currency().equals(refund.currency())) {
                continue;
            }
            atStripe.add(refund.id());
            RefundBooking booked = bookings.refund(refund.id());
            if (ChargeReversals.agrees(refund, booked)) {
                continue;
            }
            DiscrepancyKind kind = ChargeReversals.returnsMoney(refund) ? DiscrepancyKind.REFUND_NOT_BOOKED
                    : ChargeReversals.failed(refund) ? DiscrepancyKind.REFUND_FAILURE_NOT_BOOKED : DiscrepancyKind.REFUND_BOOKED_NOT_AT_STRIPE;
            boolean applied = false;
            if (apply && kind != DiscrepancyKind.REFUND_BOOKED_NOT_AT_STRIPE) {
                reversals.applyRefund(payment, refund);
                applied = ChargeReversals.agrees(refund, reversals.booked(payment, refund));
            }
            report(found, kind, payment, refund.id(), booked.name().toLowerCase(), String.valueOf(refund.status()), refund.amount(), applied);
        }
        for (LedgerEntry unknown : bookings.refundsOf(payment.id(), atStripe)) {
            report(found, DiscrepancyKind.REFUND_BOOKED_NOT_AT_STRIPE, payment, Bookings.stripeId(unknown), "returned", "none",
                    unknown.amount(), false);
        }
    }

    private void compareDisputes(Payment payment, List<StripeDispute> disputes, Bookings bookings, boolean apply, List<Discrepancy> found) {
        Set<String> atStripe = new HashSet<>();
        for (StripeDispute dispute : disputes) {
            if (!payment.currency().equals(dispute.currency())) {
                continue;
            }
            atStripe.add(dispute.id());
            DisputeBooking booked = bookings.dispute(dispute.id());
            DisputeBooking expected = ChargeReversals.expected(dispute);
            if (booked == expected) {
                continue;
            }
            DiscrepancyKind kind = expected == DisputeBooking.NONE ? DiscrepancyKind.DISPUTE_BOOKED_NOT_AT_STRIPE
                    : booked == DisputeBooking.HELD ? DiscrepancyKind.DISPUTE_NOT_RELEASED : DiscrepancyKind.DISPUTE_NOT_HELD;
            boolean applied = false;
            if (apply && kind != DiscrepancyKind.DISPUTE_BOOKED_NOT_AT_STRIPE) {
                reversals.applyDispute(payment, dispute);
                applied = reversals.booked(payment, dispute) == expected;
            }
            report(found, kind, payment, dispute.id(), booked.name().toLowerCase(), String.valueOf(dispute.status()), dispute.amount(), applied);
        }
        for (LedgerEntry unknown : bookings.disputesOf(payment.id(), atStripe)) {
            report(found, DiscrepancyKind.DISPUTE_BOOKED_NOT_AT_STRIPE, payment, Bookings.stripeId(unknown), "held", "none",
                    unknown.amount(), false);
        }
    }

    private void report(List<Discrepancy> found, DiscrepancyKind kind, Payment payment, String stripeId, String ours, String theirs,
                        long amount, boolean applied) {
        found.add(new Discrepancy(kind, payment.accountId(), payment.id(), stripeId, ours, theirs, amount, payment.currency(), applied));
        meters.counter(DISCREPANCIES_METRIC, "kind", kind.value(), "applied", Boolean.toString(applied)).increment();
        LOG.warn("Reconciliation: {} for payment {} of account {}: ours {}, Stripe {} ({}); {}", kind.value(), payment.id(),
                payment.accountId(), ours, theirs, stripeId, applied ? "applied Stripe's state" : "left for a person");
    }

    /** The refund and dispute stages the account's ledger holds, read once. */
    private Bookings bookings(String accountId) {
        List<LedgerEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            Page<LedgerEntry> page = ledger.page(accountId, PAGE, cursor);
            page.items().stream().filter(e -> e.type() == EntryType.REFUND || e.type() == EntryType.DISPUTE).forEach(entries::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Bookings(entries, entries.stream().map(LedgerEntry::id).collect(Collectors.toSet()));
    }

    /** Entry ids are {@code refund-<re>[-failed]} and {@code dispute-<dp>-withdrawn|closed} ({@link ChargeReversals}). */
    private record Bookings(List<LedgerEntry> entries, Set<String> ids) {

        RefundBooking refund(String refundId) {
            return ChargeReversals.refundBooking(ids, refundId);
        }

        DisputeBooking dispute(String disputeId) {
            return ChargeReversals.disputeBooking(ids, disputeId);
        }

        List<LedgerEntry> refundsOf(String paymentId, Set<String> atStripe) {
            return entries.stream().filter(e -> e.type() == EntryType.REFUND && paymentId.equals(e.paymentId())
                    && e.id().startsWith("refund-") && !e.id().endsWith("-failed") && !atStripe.contains(stripeId(e))).toList();
        }

        List<LedgerEntry> disputesOf(String paymentId, Set<String> atStripe) {
            return entries.stream().filter(e -> e.type() == EntryType.DISPUTE && paymentId.equals(e.paymentId())
                    && e.id().endsWith("-withdrawn") && !atStripe.contains(stripeId(e))).toList();
        }

        static String stripeId(LedgerEntry entry) {
            return ChargeReversals.stripeIdOf(entry.id());
        }
    }
}
