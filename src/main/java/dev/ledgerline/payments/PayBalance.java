package dev.ledgerline.payments;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.Balance;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.ledger.Posting;
import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pays what is due. The payment is created together with its reservation in one transaction,
 * conditional on the balance version read: of two concurrent requests for the same due amount one
 * reserves it and the other finds nothing due (409), or, with the same idempotency key, gets the
 * same payment.
 */
@Singleton
public class PayBalance {

    /** How long the paying request keeps failure news waiting while it tries further methods. */
    static final Duration ATTEMPT_LEASE = Duration.ofSeconds(60);
    private static final int RACES = 5;

    private final LedgerService ledgerService;
    private final LedgerRepo ledger;
    private final PaymentRepo payments;
    private final MethodOrder order;
    private final PaymentAttempts attempts;
    private final StripeCustomers customers;
    private final PaymentMetrics metrics;
    private final Clock clock;

    public PayBalance(LedgerService ledgerService, LedgerRepo ledger, PaymentRepo payments, MethodOrder order,
                      PaymentAttempts attempts, StripeCustomers customers, PaymentMetrics metrics, Clock clock) {
        this.ledgerService = ledgerService;
        this.ledger = ledger;
        this.payments = payments;
        this.order = order;
        this.attempts = attempts;
        this.customers = customers;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param idempotencyKey optional: the payment id is derived from it, so a repeat (or a racing
     *                       twin) returns the same payment
     */
    public Payment pay(String accountId, PaymentKind kind, @Nullable String preferredMethod, @Nullable String idempotencyKey) {
        PaymentRequest request = PaymentRequest.of(accountId, kind, idempotencyKey, preferredMethod);
        Optional<Payment> earlier = request.earlier(payments);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        for (int race = 0; race < RACES; race++) {
            Balance balance = ledgerService.balance(accountId);
            if (balance.due() <= 0) {
                // A twin request with the same key may have just reserved the due amount: answer with its payment.
                Optional<Payment> twin = request.earlier(payments);
                if (twin.isPresent()) {
                    return twin.get();
                }
                throw new Conflict("nothing_due", "Nothing is due: the balance is paid or already being paid.");
            }
            Payment.payableInOne(balance.due(), "pay part of it through Checkout with an amount.");
            List<StoredMethod> methods = order.forBalance(accountId, preferredMethod);
            String customerId = customers.customerIdFor(accountId);
            Instant now = clock.instant();
            StoredMethod first = methods.get(0);
            Payment payment = new Payment(request.paymentId(), accountId, kind, balance.due(), balance.currency(), PaymentStatus.PROCESSING,
                    first.id(), first.details().type(), null, null, null, 1, true, null, request.fingerprint(), now.plus(ATTEMPT_LEASE),
                    now, now, 1);
            Posting posting = ledger.posting(accountId, balance.currency(), now)
                    .requireVersion(balance.version())
                    .pendingPayments(payment.amount())
                    .with("payment", payments.putItem(payment));
            try {
                ledger.commit(posting);
                metrics.written(null, payment);
                return attempts.run(payment, methods, customerId);
            } catch (TransactionCanceled canceled) {
                if (posting.failed(canceled, "payment")) {
                    return request.repeat(payments.find(accountId, request.paymentId()).orElseThrow());
                }
                if (!posting.failedOnVersion(canceled)) {
                    throw canceled;
                }
                // The balance changed since it was read (a charge, another payment): decide again.
            }
        }
        throw new Conflict("balance_changing", "The balance kept changing; try again.");
    }

}
