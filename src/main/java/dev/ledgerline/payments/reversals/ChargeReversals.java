package dev.ledgerline.payments.reversals;

import dev.ledgerline.events.EventType;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeRefund;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Set;

/**
 * Books money leaving after one of our payments, as Stripe reports it now (the webhook handlers
 * and reconciliation both come here, so either path posts each stage once):
 * <ul>
 *   <li>A refund gives money back and is balance-neutral: the payment is reversed ({@code refund},
 *       positive) and the charge it paid is credited ({@code adjustment}, negative), in one
 *       transaction. A pending refund that fails later is reversed the same way.</li>
 *   <li>A disputed amount is never collected again automatically: the withdrawal is held as a
 *       pending entry (not in the balance, so not in {@code due} nor in autopay) and released when
 *       the dispute closes, won or lost. A host that wants to bill a lost dispute posts a charge.
 *       An inquiry ({@code warning_*}) withdraws nothing.</li>
 * </ul>
 * Entry ids are the refund's and dispute's own ids plus the stage, so repeated, cumulative or
 * shuffled news posts each exactly once: a dispute Stripe already reports closed posts the
 * withdrawal and its release together.
 */
@Singleton
public class ChargeReversals {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeReversals.class);

    private final LedgerService ledger;
    private final Clock clock;

    public ChargeReversals(LedgerService ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Where a refund stands in our ledger. */
    public enum RefundBooking { NONE, RETURNED, REVERSED }

    /** Where a dispute stands in our ledger. */
    public enum DisputeBooking { NONE, HELD, RELEASED }

    public static boolean returnsMoney(StripeRefund refund) {
        return "succeeded".equals(refund.status()) || "pending".equals(refund.status());
    }

    public static boolean failed(StripeRefund refund) {
        return "failed".equals(refund.status()) || "canceled".equals(refund.status());
    }

    public static boolean withdrawsFunds(StripeDispute dispute) {
        return dispute.status() != null && !dispute.status().startsWith("warning_");
    }

    public static boolean closed(StripeDispute dispute) {
        return "won".equals(dispute.status()) || "lost".equals(dispute.status());
    }

    /** Whether the ledger holds this refund as Stripe reports it now (a failed one: never booked, or booked and reversed). */
    public static boolean agrees(StripeRefund refund, RefundBooking booked) {
        if (returnsMoney(refund)) {
            return booked == RefundBooking.RETURNED;
        }
        if (failed(refund)) {
            return booked != RefundBooking.RETURNED;
        }
        return booked == RefundBooking.NONE; // e.g. requires_action: no money has moved yet
    }

    public static DisputeBooking expected(StripeDispute dispute) {
        if (!withdrawsFunds(dispute)) {
            return DisputeBooking.NONE;
        }
        return closed(dispute) ? DisputeBooking.RELEASED : DisputeBooking.HELD;
    }

    /** How these ledger entry ids book the refund (for a caller that read the entries already). */
    public static RefundBooking refundBooking(Set<String> entryIds, String refundId) {
        String returned = returnedId(refundId);
        return !entryIds.contains(returned) ? RefundBooking.NONE
                : entryIds.contains(returned + "-failed") ? RefundBooking.REVERSED : RefundBooking.RETURNED;
    }

    public static DisputeBooking disputeBooking(Set<String> entryIds, String disputeId) {
        return !entryIds.contains(withdrawnId(disputeId)) ? DisputeBooking.NONE
                : entryIds.contains(closedId(disputeId)) ? DisputeBooking.RELEASED : DisputeBooking.HELD;
    }

    /** The Stripe id an entry of ours books: the entry id without our prefix and stage suffix. */
    public static String stripeIdOf(String entryId) {
        return entryId.replaceFirst("^(refund|dispute)-", "").replaceFirst("-(failed|withdrawn|closed)$", "");
    }

    public RefundBooking booked(Payment payment, StripeRefund refund) {
        String returned = returnedId(refund.id());
        if (!ledger.posted(payment.accountId(), returned)) {
            return RefundBooking.NONE;
        }
        return ledger.posted(payment.accountId(), returned + "-failed") ? RefundBooking.REVERSED : RefundBooking.RETURNED;
    }

    public DisputeBooking booked(Payment payment, StripeDispute dispute) {
        if (!ledger.posted(payment.accountId(), withdrawnId(dispute.id()))) {
            return DisputeBooking.NONE;
        }
        return ledger.posted(payment.accountId(), closedId(dispute.id())) ? DisputeBooking.RELEASED : DisputeBooking.HELD;
    }

    /**
     * A refund as Stripe reports it now: returned (or on its way), or failed after all. A refund
     * made through our API with {@code ledgerline_balance=owed} in its metadata leaves the amount
     * owed again (no credit): the host asked for that, and every path reads it from Stripe.
     */
    public void applyRefund(Payment payment, StripeRefund refund) {
        String returned = returnedId(refund.id());
        boolean owedAgain = BALANCE_OWED.equals(refund.metadata().get(BALANCE_METADATA));
        if (returnsMoney(refund)) {
            LedgerEntry back = entry(payment, returned, EntryType.REFUND, refund.amount(), EntryStatus.SETTLED,
                    "Refund " + refund.id() + ": money returned" + (owedAgain ? "; owed again" : ""));
            if (owedAgain) {
                post(payment, EventType.REFUND_CREATED, back);
            } else {
                post(payment, EventType.REFUND_CREATED, back, entry(payment, returned + "-credit", EntryType.ADJUSTMENT, -refund.amount(),
                        EntryStatus.SETTLED, "Credit for refund " + refund.id() + ": what it paid is not owed again"));
            }
        } else if (failed(refund) && ledger.posted(payment.accountId(), returned)) {
            LedgerEntry undone = entry(payment, returned + "-failed", EntryType.REFUND, -refund.amount(), EntryStatus.SETTLED,
                    "Refund " + refund.id() + " " + refund.status() + ": the money was not returned");
            if (owedAgain) {
                post(payment, EventType.REFUND_FAILED, undone);
            } else {
                post(payment, EventType.REFUND_FAILED, undone, entry(payment, returned + "-failed-credit", EntryType.ADJUSTMENT,
                        refund.amount(), EntryStatus.SETTLED, "Credit for refund " + refund.id() + " withdrawn: the refund " + refund.status()));
            }
        }
    }

    /** Our metadata on a refund made through the API: how its amount is booked. */
    public static final String BALANCE_METADATA = "ledgerline_balance";
    public static final String BALANCE_OWED = "owed";

    /** A dispute as Stripe reports it now: funds held while it is open, released once it is won or lost. */
    public void applyDispute(Payment payment, StripeDispute dispute) {
        if (!withdrawsFunds(dispute)) {
            return;
        }
        post(payment, EventType.DISPUTE_OPENED, entry(payment, withdrawnId(dispute.id()), EntryType.DISPUTE, dispute.amount(), EntryStatus.PENDING,
                "Dispute " + dispute.id() + ": withdrawn by the cardholder's bank; not collected while disputed"));
        if (closed(dispute)) {
            post(payment, EventType.DISPUTE_CLOSED, entry(payment, closedId(dispute.id()), EntryType.DISPUTE, -dispute.amount(), EntryStatus.PENDING,
                    "won".equals(dispute.status()) ? "Dispute " + dispute.id() + " won: the funds are reinstated"
                            : "Dispute " + dispute.id() + " lost: the cardholder keeps the funds; not collected again"));
        }
    }

    private static String returnedId(String refundId) {
        return "refund-" + refundId;
    }

    private static String withdrawnId(String disputeId) {
        return "dispute-" + disputeId + "-withdrawn";
    }

    private static String closedId(String disputeId) {
        return "dispute-" + disputeId + "-closed";
    }

    private LedgerEntry entry(Payment payment, String id, EntryType type, long amount, EntryStatus status, String description) {
        return new LedgerEntry(id, type, amount, ledger.currency(), description, status, payment.id(), clock.instant());
    }

    private void post(Payment payment, EventType event, LedgerEntry first, LedgerEntry... more) {
        boolean posted = ledger.postOnce(payment.accountId(), event, first, more);
        LOG.info("{} {} for account {}", posted ? "Posted" : "Already posted", first.id(), payment.accountId());
    }
}
