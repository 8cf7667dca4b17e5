package dev.ledgerline.payments;

import dev.ledgerline.accounts.StripeCustomers;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.ledger.Posting;
import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A one-time charge paid at once with one chosen method: the charge entry, the payment and its
 * reservation are written in one transaction, then paid. On success the payment entry cancels the
 * charge, so the balance is unchanged; on failure an adjustment reverses it.
 */
@Singleton
public class ChargeOnce {

    private final LedgerService ledgerService;
    private final LedgerRepo ledger;
    private final PaymentRepo payments;
    private final MethodOrder order;
    private final PaymentAttempts attempts;
    private final StripeCustomers customers;
    private final PaymentMetrics metrics;
    private final Clock clock;

    public ChargeOnce(LedgerService ledgerService, LedgerRepo ledger, PaymentRepo payments, MethodOrder order,
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

    public Payment charge(String accountId, String paymentMethodId, long amount, @Nullable String currency, String description,
                          @Nullable String idempotencyKey) {
        ledgerService.requireCurrency(currency);
        PaymentRequest request = PaymentRequest.of(accountId, PaymentKind.ONE_TIME, idempotencyKey, paymentMethodId, amount, description);
        Optional<Payment> earlier = request.earlier(payments);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String paymentId = request.paymentId();
        StoredMethod method = order.require(accountId, paymentMethodId);
        String customerId = customers.customerIdFor(accountId);
        Instant now = clock.instant();
        String currencyCode = ledgerService.currency();
        String chargeEntryId = "charge-" + paymentId;
        Payment payment = new Payment(paymentId, accountId, PaymentKind.ONE_TIME, amount, currencyCode, PaymentStatus.PROCESSING,
                method.id(), method.details().type(), null, null, null, 1, true, chargeEntryId, request.fingerprint(),
                now.plus(PayBalance.ATTEMPT_LEASE), now, now, 1);
        Posting posting = ledger.posting(accountId, currencyCode, now)
                .with("payment", payments.putItem(payment))
                .entry(new LedgerEntry(chargeEntryId, EntryType.CHARGE, amount, currencyCode, description, EntryStatus.SETTLED,
                        paymentId, now), null)
                .pendingPayments(amount);
        try {
            ledger.commit(posting);
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, "payment")) {
                return request.repeat(payments.find(accountId, paymentId).orElseThrow());
            }
            throw canceled;
        }
        metrics.written(null, payment);
        return attempts.run(payment, List.of(method), customerId);
    }
}
