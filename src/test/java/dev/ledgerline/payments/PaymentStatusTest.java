package dev.ledgerline.payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transition table: open states may change into any other state; terminal ones never change. */
class PaymentStatusTest {

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELED"})
    void terminalStatesNeverChange(PaymentStatus terminal) {
        assertTrue(terminal.isTerminal());
        for (PaymentStatus next : PaymentStatus.values()) {
            assertFalse(terminal.canBecome(next), terminal + " -> " + next);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"PROCESSING", "REQUIRES_ACTION"})
    void openStatesMayBecomeAnyOtherState(PaymentStatus open) {
        assertFalse(open.isTerminal());
        for (PaymentStatus next : PaymentStatus.values()) {
            assertEquals(next != open, open.canBecome(next), open + " -> " + next);
        }
    }

    @Test
    void valuesAreTheContractsLowerCaseNames() {
        assertEquals("requires_action", PaymentStatus.REQUIRES_ACTION.value());
        assertEquals(PaymentStatus.REQUIRES_ACTION, PaymentStatus.of("requires_action"));
        assertThrows(IllegalArgumentException.class, () -> PaymentStatus.of("refunded"));
    }

    @Test
    void aChangeRefusesToLeaveATerminalState() {
        Payment succeeded = Payment.draft("pay_1", "acct_1", PaymentKind.BALANCE, 100, "usd").awaitingCustomer()
                .at(java.time.Instant.EPOCH).change().status(PaymentStatus.SUCCEEDED).at(java.time.Instant.EPOCH);
        assertThrows(IllegalStateException.class, () -> succeeded.change().status(PaymentStatus.FAILED));
        assertEquals(PaymentStatus.SUCCEEDED, succeeded.change().status(PaymentStatus.SUCCEEDED).at(java.time.Instant.EPOCH).status(),
                "writing the same terminal status again changes nothing");
    }
}
