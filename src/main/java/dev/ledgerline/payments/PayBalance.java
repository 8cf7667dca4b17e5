package dev.ledgerline.payments;

import dev.ledgerline.errors.Conflict;
import dev.ledgerline.ledger.Balance;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.paymentmethods.StoredMethod;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

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

    private static final int RACES = 5;

    private final LedgerService ledger;
    private final PaymentRepo payments;
    private final MethodOrder order;
    private final PaymentStarter starter;

    public PayBalance(LedgerService ledger, PaymentRepo payments, MethodOrder order, PaymentStarter starter) {
        this.ledger = ledger;
        this.payments = payments;
        this.order = order;
        this.starter = starter;
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
            Balance balance = ledger.balance(accountId);
            if (balance.due() <= 0) {
                // A twin request with the same key may have just reserved the due amount: answer with its payment.
                return request.earlier(payments).orElseThrow(
                        () -> new Conflict("nothing_due", "Nothing is due: the balance is paid or already being paid."));
            }
            Payment.payableInOne(balance.due(), "pay part of it through Checkout with an amount.");
            Payment.requireChargeable(balance.due(), balance.currency());
            List<StoredMethod> methods = order.forBalance(accountId, preferredMethod);
            Optional<Payment> started = starter.reserveAndAttempt(request, request.draft(balance.due(), balance.currency()), methods,
                    posting -> posting.requireVersion(balance.version()));
            if (started.isPresent()) {
                return started.get();
            }
            // The balance changed since it was read (a charge, another payment): decide again.
        }
        throw new Conflict("balance_changing", "The balance kept changing; try again.");
    }
}
