package dev.ledgerline.scenarios;

import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.PaymentStatus;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** One flow of Stripe's, as its documentation sequences the events, and where the account must end. */
public interface Flow {

    /**
     * The ending: the balance's figures, the newest payment's status, and the sum of the ledger's
     * entries by type (types not named sum to 0).
     */
    record Ending(long balance, long due, long pendingCharges, long pendingPayments, @Nullable PaymentStatus payment,
                  Map<LedgerEntryType, Long> sums) {
    }

    /** Sets up the customer, starts what the flow starts and emits Stripe's events; returns where the account must end. */
    Ending play(Scenario stripe) throws Exception;

    /** Whether the flow waits (days, for a bank) between its events. */
    default boolean waits() {
        return false;
    }
}
