package dev.ledgerline.payments;

import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.Unprocessable;
import dev.ledgerline.paymentmethods.MethodDetails;
import dev.ledgerline.paymentmethods.MethodStatus;
import dev.ledgerline.paymentmethods.StoredMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which methods a payment tries, in which order, and which method may be charged at all. */
class MethodOrderTest {

    private static StoredMethod method(String id, MethodStatus status, long rank) {
        return new StoredMethod(id, new MethodDetails("card", "visa", "4242", 12, 2030, null), status, rank, Instant.EPOCH, 0, 0);
    }

    private static final StoredMethod A = method("pm_a", MethodStatus.ACTIVE, 1);
    private static final StoredMethod B = method("pm_b", MethodStatus.PENDING_VERIFICATION, 2);
    private static final StoredMethod C = method("pm_c", MethodStatus.ACTIVE, 3);
    private static final StoredMethod D = method("pm_d", MethodStatus.ACTIVE, 4);
    private static final StoredMethod E = method("pm_e", MethodStatus.FAILED, 5);

    private static List<String> ids(List<StoredMethod> methods) {
        return methods.stream().map(StoredMethod::id).toList();
    }

    @Test
    void onlyActiveMethodsInPriorityOrder() {
        assertEquals(List.of("pm_a", "pm_c", "pm_d"), ids(MethodOrder.activeFirst(List.of(A, B, C, D, E), null)));
    }

    @Test
    void theChosenMethodGoesFirstAndTheRestKeepTheirOrder() {
        assertEquals(List.of("pm_d", "pm_a", "pm_c"), ids(MethodOrder.activeFirst(List.of(A, B, C, D, E), "pm_d")));
    }

    @Test
    void aChosenMethodThatIsNotActiveIsNotTried() {
        assertEquals(List.of("pm_a", "pm_c", "pm_d"), ids(MethodOrder.activeFirst(List.of(A, B, C, D, E), "pm_b")));
        assertEquals(List.of("pm_a", "pm_c", "pm_d"), ids(MethodOrder.activeFirst(List.of(A, B, C, D, E), "pm_gone")));
    }

    @Test
    void noActiveMethodIsA422() {
        Unprocessable none = assertThrows(Unprocessable.class, () -> MethodOrder.activeFirst(List.of(B, E), null));
        assertEquals("no_payment_method", none.code());
        assertThrows(Unprocessable.class, () -> MethodOrder.activeFirst(List.of(), "pm_a"));
    }

    @Test
    void onlyAnActiveMethodMayBeCharged() {
        assertSame(A, MethodOrder.usable(Optional.of(A)));
        assertEquals("payment_method_not_active", assertThrows(Unprocessable.class, () -> MethodOrder.usable(Optional.of(B))).code());
        assertEquals("payment_method_not_active", assertThrows(Unprocessable.class, () -> MethodOrder.usable(Optional.of(E))).code());
    }

    @Test
    void aRemovedOrUnknownMethodIsNotFound() {
        assertThrows(NotFound.class, () -> MethodOrder.usable(Optional.empty()));
        assertThrows(NotFound.class, () -> MethodOrder.usable(Optional.of(method("pm_r", MethodStatus.REMOVED, 9))));
    }
}
