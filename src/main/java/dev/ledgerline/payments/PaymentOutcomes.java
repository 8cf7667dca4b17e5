package dev.ledgerline.payments;

import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.Posting;
import dev.ledgerline.payments.autopay.AutopayRepo;
import dev.ledgerline.store.TransactionCanceled;
import dev.ledgerline.stripe.StripePaymentIntent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one place where a payment's outcome is applied, whoever learned it (the paying request,
 * a webhook, the janitor). Each outcome is one transaction conditional on the payment's version:
 * the status change, the ledger entry and the balance change land together or not at all, and a
 * payment that already ended is left alone, so every outcome takes effect exactly once.
 */
@Singleton
public class PaymentOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentOutcomes.class);
    private static final int ATTEMPTS = 8;

    private final PaymentRepo payments;
    private final LedgerRepo ledger;
    private final AutopayRepo autopay;
    private final PaymentMetrics metrics;
    private final Clock clock;

    public PaymentOutcomes(PaymentRepo payments, LedgerRepo ledger, AutopayRepo autopay, PaymentMetrics metrics, Clock clock) {
        this.payments = payments;
        this.ledger = ledger;
        this.autopay = autopay;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies what a PaymentIntent's status says; statuses that decide nothing yet only record the intent. */
    public Payment apply(Payment payment, StripePaymentIntent intent) {
        String message = intent.lastErrorMessage();
        return switch (intent.status() == null ? "" : intent.status()) {
            case "succeeded" -> succeed(payment, intent.id());
            case "processing" -> processing(payment, intent.id());
            case "requires_action" -> requiresAction(payment, intent.id(), null);
            // An off-session decline for want of authentication keeps the intent for the customer to confirm.
            case "requires_payment_method" -> CustomerActions.AUTHENTICATION_REQUIRED.equals(intent.lastErrorCode())
                    ? requiresAction(payment, intent.id(), message)
                    : fail(payment, message == null ? "The payment was declined." : message, intent.id());
            case "canceled" -> cancel(payment, "The payment was canceled.", intent.id());
            default -> recordIntent(payment, intent.id());
        };
    }

    /** Money arrived: one {@code payment} entry (negative), the reservation released. */
    public Payment succeed(Payment payment, @Nullable String intentId) {
        return change(payment, current -> {
            Instant now = clock.instant();
            Payment after = current.change().status(PaymentStatus.SUCCEEDED).intent(intentId).failure(null).reserved(false).at(now);
            Posting posting = ledger.posting(current.accountId(), current.currency(), now)
                    .entry(new LedgerEntry("paid-" + current.id(), EntryType.PAYMENT, -current.amount(), current.currency(),
                            describe(current), EntryStatus.SETTLED, current.id(), now), null)
                    .pendingPayments(current.reserved() ? -current.amount() : 0)
                    .with("payment", payments.putItem(after));
            link(posting, after);
            if (paysTheBalance(current) || current.kind() == PaymentKind.CHECKOUT) {
                posting.pastDue(false); // paid: back in good standing
            }
            if (current.kind() == PaymentKind.AUTOPAY) {
                posting.with("autopay", autopay.succeeded(current.accountId()));
            }
            return new Step(after, posting);
        });
    }

    /**
     * The payment will not happen: the reservation is released, and a one-time charge that was
     * posted only to be paid now is reversed by an adjustment, so nothing is owed for it.
     */
    public Payment fail(Payment payment, String message, @Nullable String intentId) {
        return end(payment, PaymentStatus.FAILED, message, intentId);
    }

    public Payment cancel(Payment payment, String message, @Nullable String intentId) {
        return end(payment, PaymentStatus.CANCELED, message, intentId);
    }

    /** In flight (ACH takes days): reserved, so {@code due} excludes it until it settles. */
    public Payment processing(Payment payment, String intentId) {
        return change(payment, current -> {
            Instant now = clock.instant();
            Payment after = current.change().status(PaymentStatus.PROCESSING).intent(intentId).reserved(true).at(now);
            if (current.reserved()) {
                return new Step(after, null);
            }
            Posting posting = ledger.posting(current.accountId(), current.currency(), now)
                    .pendingPayments(current.amount()).with("payment", payments.putItem(after));
            return new Step(after, link(posting, after));
        });
    }

    /** Waits for the customer to authenticate it; {@code why}: the bank's decline, when it declined the off-session charge. */
    public Payment requiresAction(Payment payment, String intentId, @Nullable String why) {
        if (payment.status() == PaymentStatus.REQUIRES_ACTION && intentId.equals(payment.intentId())) {
            return payment; // a repeat of the news: nothing to write
        }
        return change(payment, current -> decidedFor(payment, intentId, current)
                ? new Step(current.change().status(PaymentStatus.REQUIRES_ACTION).intent(intentId).failure(why).at(clock.instant()), null)
                : null);
    }

    public Payment recordIntent(Payment payment, String intentId) {
        if (intentId.equals(payment.intentId())) {
            return payment;
        }
        return change(payment, current -> new Step(current.change().intent(intentId).at(clock.instant()), null));
    }

    private Payment end(Payment payment, PaymentStatus status, String message, @Nullable String intentId) {
        return change(payment, current -> {
            if (!decidedFor(payment, intentId, current)) {
                return null;
            }
            Instant now = clock.instant();
            Payment after = current.change().status(status).intent(intentId).failure(message).reserved(false).at(now);
            Posting posting = ledger.posting(current.accountId(), current.currency(), now)
                    .pendingPayments(current.reserved() ? -current.amount() : 0)
                    .with("payment", payments.putItem(after));
            if (current.chargeEntryId() != null) {
                posting.entry(new LedgerEntry("void-" + current.id(), EntryType.ADJUSTMENT, -current.amount(), current.currency(),
                        "Reversed: one-time charge not paid", EntryStatus.SETTLED, current.id(), now), null);
            }
            if (current.kind() == PaymentKind.AUTOPAY && status == PaymentStatus.FAILED) {
                posting.with("autopay", autopay.failed(current.accountId(), now));
            }
            if (paysTheBalance(current) && status == PaymentStatus.FAILED) {
                posting.pastDue(true);
            }
            return new Step(after, link(posting, after));
        });
    }

    /**
     * Whether the payment was of what is due (its outcome moves the account's standing): a
     * one-time charge pays only itself, and a Checkout the customer walks away from is no failure.
     */
    private static boolean paysTheBalance(Payment payment) {
        return payment.kind() == PaymentKind.BALANCE || payment.kind() == PaymentKind.AUTOPAY;
    }

    /**
     * Whether news that ends or holds a payment still concerns it: it was decided for the attempt
     * (and intent) of {@code decided}, and the payment may have moved on to its next attempt since
     * (a method that may well succeed). Success needs no such check: the money arrived.
     */
    private static boolean decidedFor(Payment decided, @Nullable String intentId, Payment current) {
        if (current.attempt() != decided.attempt()) {
            return false;
        }
        return intentId == null || current.intentId() == null || intentId.equals(current.intentId());
    }

    /** A change to write: with a posting when money moves, else the payment alone. */
    private record Step(Payment after, @Nullable Posting posting) {
    }

    /**
     * Applies {@code step} to the payment as last read; when it changed in between (another
     * instance, a webhook), re-reads and decides again. A terminal payment is never changed, nor
     * one the step finds the news no longer concerns (it returns null).
     */
    private Payment change(Payment payment, Function<Payment, Step> step) {
        Payment current = payment;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current.status().isTerminal()) {
                return current;
            }
            Step next = step.apply(current);
            if (next == null) {
                LOG.info("Payment {} moved on to attempt {}; news of attempt {} left it alone", payment.id(), current.attempt(),
                        payment.attempt());
                return current;
            }
            boolean written;
            var events = PaymentEvents.of(current, next.after());
            if (next.posting() == null) {
                written = payments.saveLinked(next.after(), events);
            } else {
                events.forEach(next.posting()::event);
                try {
                    ledger.commit(next.posting());
                    written = true;
                } catch (TransactionCanceled canceled) {
                    if (!next.posting().failed(canceled, "payment")) {
                        throw canceled;
                    }
                    written = false;
                }
            }
            if (written) {
                metrics.written(current, next.after());
                return next.after();
            }
            current = payments.find(payment.accountId(), payment.id()).orElseThrow();
        }
        throw new IllegalStateException("Payment " + payment.id() + " kept changing; giving up for now");
    }

    private Posting link(Posting posting, Payment after) {
        if (after.intentId() != null) {
            posting.with("link", payments.intentLink(after.accountId(), after.id(), after.intentId()));
        }
        return posting;
    }

    private static String describe(Payment payment) {
        return switch (payment.kind()) {
            case BALANCE -> "Payment of the balance";
            case ONE_TIME -> "Payment of a one-time charge";
            case CHECKOUT -> "Payment through Checkout";
            case AUTOPAY -> "Automatic payment of the balance";
        };
    }
}
