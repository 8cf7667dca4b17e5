package dev.ledgerline.scenarios;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scenario catalogue: each flow of {@code scenarios/flows} (one file per Stripe flow, its
 * events in the order Stripe documents them) played against the service on dynoxide and
 * stripe-mock, its events delivered signed: once in order, each twice, late and newest first, and
 * late, shuffled and repeated.
 * Every run must end where the flow says, and reconciliation with Stripe must find nothing.
 */
@MicronautTest
class ScenarioCatalogIT extends StripeMockProxyTestSupport {


    @Inject
    Janitor janitor;

    static Stream<Arguments> runs() {
        return Catalogue.FLOWS.stream().flatMap(flow -> Stream.of(Delivery.values()).filter(d -> d != Delivery.RECORDED)
                .map(delivery -> Arguments.of(flow, delivery)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("runs")
    void endsWhereStripeSaysAndReconciles(Flow flow, Delivery delivery) throws Exception {
        clock.reset();
        ScenarioRun run = new ScenarioRun(this, janitor, signupAndLogin(), delivery,
                new Random(flow.getClass().getSimpleName().hashCode() * 31L + delivery.ordinal()));
        Flow.Ending ending = flow.play(run);
        run.settle();
        try {
            assertEnding(run.login(), ending);
            assertReconciled(run.login());
        } finally {
            proxy.clearRewrites();
            clock.reset();
        }
    }

    private void assertEnding(LoginResponse login, Flow.Ending ending) throws ApiException {
        Balance balance = balance(login);
        assertEquals(ending.balance(), balance.getBalance(), "balance");
        assertEquals(ending.due(), balance.getDue(), "due");
        assertEquals(ending.pendingCharges(), balance.getPendingCharges(), "pending charges (disputed amounts held)");
        assertEquals(ending.pendingPayments(), balance.getPendingPayments(), "pending payments");
        List<Payment> payments = new PaymentsApi(as(login)).listPayments(10, null).getData();
        if (ending.payment() == null) {
            assertEquals(List.of(), payments, "no payment");
        } else {
            assertEquals(ending.payment(), payments.get(0).getStatus(), "the payment's status");
        }
        List<LedgerEntry> entries = allEntries(login);
        for (LedgerEntryType type : LedgerEntryType.values()) {
            long sum = entries.stream().filter(e -> e.getType() == type).mapToLong(LedgerEntry::getAmount).sum();
            assertEquals(ending.sums().getOrDefault(type, 0L), sum, () -> "sum of " + type + " entries in " + entries);
        }
    }

}
