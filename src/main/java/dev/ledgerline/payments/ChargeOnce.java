package dev.ledgerline.payments;

import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.paymentmethods.StoredMethod;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A one-time charge paid at once with one chosen method: the charge entry, the payment and its
 * reservation are written in one transaction, then paid. On success the payment entry cancels the
 * charge, so the balance is unchanged; on failure an adjustment reverses it.
 */
@Singleton
public class ChargeOnce {

    private final LedgerService ledger;
    private final PaymentRepo payments;
    private final MethodOrder order;
    private final PaymentStarter starter;
    private final Clock clock;

    public ChargeOnce(LedgerService ledger, PaymentRepo payments, MethodOrder order, PaymentStarter starter, Clock clock) {
        this.ledger = ledger;
        this.payments = payments;
        this.order = order;
        this.starter = starter;
        this.clock = clock;
    }

    public Payment charge(String accountId, String paymentMethodId, long amount, @Nullable String currency, String description,
                          @Nullable String idempotencyKey) {
        ledger.requireCurrency(currency);
        PaymentRequest request = PaymentRequest.of(accountId, PaymentKind.ONE_TIME, idempotencyKey, paymentMethodId, amount, description);
        Optional<Payment> earlier = request.earlier(payments);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String currencyCode = ledger.currency();
        Payment.requireChargeable(amount, currencyCode);
        StoredMethod method = order.require(accountId, paymentMethodId);
        String chargeEntryId = "charge-" + request.paymentId();
        LedgerEntry charge = new LedgerEntry(chargeEntryId, EntryType.CHARGE, amount, currencyCode, description, EntryStatus.SETTLED,
                request.paymentId(), clock.instant());
        // No condition on the balance version: the charge is paid by its own reservation, whatever else is due.
        return starter.reserveAndAttempt(request, request.draft(amount, currencyCode).paysCharge(chargeEntryId), List.of(method),
                posting -> posting.entry(charge, null)).orElseThrow();
    }
}
