package dev.ledgerline.webhooks;

import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeCharge;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRefund;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * charge.refunded, charge.refund.updated and charge.dispute.*: money leaving after one of our
 * payments. Only charges of our own payments are posted (found by their PaymentIntent); a charge we
 * never made (a subscription's invoice, say) is not ours, even for a customer that is.
 * <ul>
 *   <li>A refund gives money back and is balance-neutral: the payment is reversed ({@code refund},
 *       positive) and the charge it paid is credited ({@code adjustment}, negative), in one
 *       transaction. A pending refund that fails later is reversed the same way.</li>
 *   <li>A disputed amount is never collected again automatically: the withdrawal is held as a
 *       pending entry (not in the balance, so not in {@code due} nor in autopay) and released when
 *       the dispute closes, won or lost. A host that wants to bill a lost dispute posts a charge.</li>
 * </ul>
 * Entry ids are the refund's and dispute's own ids plus the stage, so repeated, cumulative or
 * shuffled events post each exactly once: a closed dispute that arrives before its created event
 * posts the withdrawal too, and the late created event finds it done.
 */
@Singleton
public class ChargeEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeEvents.class);
    static final String REFUNDED = "charge.refunded";
    static final String REFUND_UPDATED = "charge.refund.updated";
    static final String DISPUTE_CREATED = "charge.dispute.created";
    static final String DISPUTE_CLOSED = "charge.dispute.closed";

    private final PaymentRepo payments;
    private final LedgerService ledger;
    private final StripeGateway stripe;
    private final Clock clock;

    public ChargeEvents(PaymentRepo payments, LedgerService ledger, StripeGateway stripe, Clock clock) {
        this.payments = payments;
        this.ledger = ledger;
        this.stripe = stripe;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(REFUNDED, REFUND_UPDATED, DISPUTE_CREATED, DISPUTE_CLOSED);
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        return switch (event.type()) {
            case REFUNDED -> refunded(event, event.object(StripeCharge.class));
            case REFUND_UPDATED -> refundUpdated(event, event.object(StripeRefund.class));
            default -> disputed(event, event.object(StripeDispute.class));
        };
    }

    private InboxStatus refunded(StripeEvent event, StripeCharge charge) {
        Optional<Payment> payment = ours(charge.paymentIntent(), charge.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "charge " + charge.id());
        }
        List<StripeRefund> refunds = charge.refunds() != null ? charge.refunds() : stripe.listRefunds(charge.id());
        refunds.forEach(refund -> apply(payment.get(), refund));
        return InboxStatus.PROCESSED;
    }

    private InboxStatus refundUpdated(StripeEvent event, StripeRefund refund) {
        String intent = refund.paymentIntent();
        if (intent == null && refund.charge() != null) {
            intent = stripe.retrieveCharge(refund.charge()).paymentIntent();
        }
        Optional<Payment> payment = ours(intent, refund.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "refund " + refund.id());
        }
        apply(payment.get(), refund);
        return InboxStatus.PROCESSED;
    }

    /** A refund as Stripe reports it now: returned (or on its way), or failed after all. */
    private void apply(Payment payment, StripeRefund refund) {
        String status = refund.status() == null ? "" : refund.status();
        String returned = "refund-" + refund.id();
        if (status.equals("succeeded") || status.equals("pending")) {
            post(payment, entry(payment, returned, EntryType.REFUND, refund.amount(), EntryStatus.SETTLED, "Refund " + refund.id() + ": money returned"),
                    entry(payment, returned + "-credit", EntryType.ADJUSTMENT, -refund.amount(), EntryStatus.SETTLED,
                            "Credit for refund " + refund.id() + ": what it paid is not owed again"));
        } else if ((status.equals("failed") || status.equals("canceled")) && ledger.posted(payment.accountId(), returned)) {
            post(payment, entry(payment, returned + "-failed", EntryType.REFUND, -refund.amount(), EntryStatus.SETTLED,
                            "Refund " + refund.id() + " " + status + ": the money was not returned"),
                    entry(payment, returned + "-failed-credit", EntryType.ADJUSTMENT, refund.amount(), EntryStatus.SETTLED,
                            "Credit for refund " + refund.id() + " withdrawn: the refund " + status));
        }
    }

    private InboxStatus disputed(StripeEvent event, StripeDispute dispute) {
        String intent = dispute.paymentIntent();
        if (intent == null && dispute.charge() != null) {
            intent = stripe.retrieveCharge(dispute.charge()).paymentIntent();
        }
        Optional<Payment> payment = ours(intent, dispute.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "dispute " + dispute.id());
        }
        String status = dispute.status() == null ? "" : dispute.status();
        if (status.startsWith("warning_")) {
            return InboxStatus.PROCESSED; // an inquiry: no funds were withdrawn
        }
        String withdrawn = "dispute-" + dispute.id() + "-withdrawn";
        post(payment.get(), entry(payment.get(), withdrawn, EntryType.DISPUTE, dispute.amount(), EntryStatus.PENDING,
                "Dispute " + dispute.id() + ": withdrawn by the cardholder's bank; not collected while disputed"));
        if (DISPUTE_CLOSED.equals(event.type()) && (status.equals("won") || status.equals("lost"))) {
            post(payment.get(), entry(payment.get(), "dispute-" + dispute.id() + "-closed", EntryType.DISPUTE, -dispute.amount(), EntryStatus.PENDING,
                    status.equals("won") ? "Dispute " + dispute.id() + " won: the funds are reinstated"
                            : "Dispute " + dispute.id() + " lost: the cardholder keeps the funds; not collected again"));
        }
        return InboxStatus.PROCESSED;
    }

    /** Our payment that Stripe's PaymentIntent paid, when it is in the currency we bill in. */
    private Optional<Payment> ours(@Nullable String paymentIntentId, @Nullable String currency) {
        if (paymentIntentId == null || !ledger.currency().equals(currency)) {
            return Optional.empty();
        }
        return payments.findByIntent(paymentIntentId);
    }

    private static InboxStatus notOurs(StripeEvent event, String what) {
        LOG.info("Ignoring {} {}: {} is not of one of our payments (or not in our currency)", event.type(), event.id(), what);
        return InboxStatus.IGNORED;
    }

    private LedgerEntry entry(Payment payment, String id, EntryType type, long amount, EntryStatus status, String description) {
        return new LedgerEntry(id, type, amount, ledger.currency(), description, status, payment.id(), clock.instant());
    }

    private void post(Payment payment, LedgerEntry first, LedgerEntry... more) {
        boolean posted = ledger.postOnce(payment.accountId(), first, more);
        LOG.info("{} {} for account {}", posted ? "Posted" : "Already posted", first.id(), payment.accountId());
    }
}
