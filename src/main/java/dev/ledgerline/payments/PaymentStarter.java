package dev.ledgerline.payments;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.audit.Audits;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.Posting;
import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.store.TransactionCanceled;
import dev.ledgerline.stripe.StripeCheckoutSession;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * How every payment starts. Off-session ({@link #reserveAndAttempt}): the payment, its reservation
 * and whatever must be posted with it commit as one transaction, and only then is Stripe asked,
 * method by method ({@link PaymentAttempts}); a repeat of the same request finds the payment its
 * first occurrence made instead of paying twice. On a Stripe-hosted page ({@link #awaitCustomer}):
 * the payment waits for the customer.
 */
@Singleton
public class PaymentStarter {

    private final LedgerRepo ledger;
    private final PaymentRepo payments;
    private final PaymentAttempts attempts;
    private final StripeCustomers customers;
    private final PaymentMetrics metrics;
    private final Audits audits;
    private final Clock clock;

    public PaymentStarter(LedgerRepo ledger, PaymentRepo payments, PaymentAttempts attempts, StripeCustomers customers,
                          PaymentMetrics metrics, Audits audits, Clock clock) {
        this.audits = audits;
        this.ledger = ledger;
        this.payments = payments;
        this.attempts = attempts;
        this.customers = customers;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Reserves the drafted payment's amount and tries {@code methods} in order.
     *
     * @param draft      the request's payment ({@link PaymentRequest#draft}); it is charged from {@code methods.get(0)} first
     * @param postedWith adds what commits with the payment (a condition on the balance version, a charge entry)
     * @return the payment after its attempts (or the earlier one, for a repeat); empty when the
     *         balance changed since it was read (nothing was written: decide again)
     */
    Optional<Payment> reserveAndAttempt(PaymentRequest request, PaymentDraft draft, List<StoredMethod> methods,
                                        UnaryOperator<Posting> postedWith) {
        // The customer first: if Stripe cannot create it, nothing is reserved yet.
        String customerId = customers.customerIdFor(request.accountId());
        Instant now = clock.instant();
        Payment payment = draft.charging(methods.get(0), now.plus(PaymentAttempts.ATTEMPT_LEASE)).at(now);
        Posting posting = reservation(payment, postedWith);
        try {
            ledger.commit(posting);
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, "payment")) {
                return Optional.of(request.repeat(payments.find(request.accountId(), request.paymentId()).orElseThrow()));
            }
            if (posting.failedOnVersion(canceled)) {
                return Optional.empty();
            }
            throw canceled;
        }
        metrics.written(null, payment);
        return Optional.of(attempts.run(payment, methods, customerId));
    }

    /** The transaction that writes {@code payment} (version 1) with its reservation, and what must commit with it. */
    private Posting reservation(Payment payment, UnaryOperator<Posting> postedWith) {
        Posting posting = postedWith.apply(ledger.posting(payment.accountId(), payment.currency(), payment.createdAt()))
                .pendingPayments(payment.amount())
                .with("payment", payments.putItem(payment))
                .with("paymentLink", payments.idLink(payment))
                .with("audit", audits.money(payment.accountId(), "payment.start", payment.id(), payment.amount(), payment.currency(),
                        payment.kind().value(), payment.createdAt()));
        PaymentEvents.of(null, payment).forEach(posting::event);
        return posting;
    }

    /**
     * Writes a payment the customer completes on a Stripe Checkout page, with its reservation (in
     * one transaction, conditional as {@code postedWith} says), then opens that page and records
     * its id. While the page is open autopay and pay-balance find the amount on its way; it is
     * released when the page expires ({@code CheckoutPayments.PAGE_LIFETIME}) or the payment fails.
     *
     * @param postedWith adds what the reservation is conditional on (the balance version read)
     * @param openPage   creates the page for the saved payment and the account's Stripe customer
     */
    public StripeCheckoutSession awaitCustomer(PaymentDraft draft, UnaryOperator<Posting> postedWith,
                                               BiFunction<Payment, String, StripeCheckoutSession> openPage) {
        Payment payment = draft.awaitingCustomer().at(clock.instant());
        // The customer first: if Stripe cannot create it, nothing is reserved yet.
        String customerId = customers.customerIdFor(payment.accountId());
        Posting posting = reservation(payment, postedWith);
        try {
            ledger.commit(posting);
        } catch (TransactionCanceled canceled) {
            if (posting.failedOnVersion(canceled)) {
                throw new Conflict("balance_changing", "The balance changed at the same time; try again.");
            }
            throw canceled;
        }
        metrics.written(null, payment);
        StripeCheckoutSession page = openPage.apply(payment, customerId);
        // If a webhook changed the payment meanwhile, it found the payment by the page's metadata and recorded the page.
        payments.save(payment.change().checkoutSession(page.id()).at(clock.instant()));
        return page;
    }
}
