package dev.ledgerline.payments;

import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One payment the janitor cannot settle (whatever the reason) does not stop it settling the others. */
@MicronautTest
class JanitorRunIT extends StripeMockProxyTestSupport {

    @Inject
    Janitor janitor;

    @Test
    void aPaymentStripeRefusesToReportOnIsCountedAndTheRunGoesOn() throws Exception {
        LoginResponse first = signupAndLogin();
        Payment unreadable = processingDebit(first, 1800);
        LoginResponse second = signupAndLogin();
        Payment cleared = processingDebit(second, 2600);
        clock.advance(Duration.ofMinutes(16));

        // Oldest first: Stripe refuses the first lookup (a 404 is a StripeRejection, not "unavailable").
        proxy.refuseNext("/v1/payment_intents/" + unreadable.getStripePaymentIntentId(), 404, "invalid_request_error",
                "resource_missing", "No such payment_intent");
        String succeeded = intent(second, cleared, "succeeded");
        proxy.rewrite("/v1/payment_intents/" + cleared.getStripePaymentIntentId(), json -> succeeded);

        Janitor.Run run = janitor.runOnce();
        assertEquals(2, run.examined());
        assertEquals(1, run.errors());
        assertEquals(1, run.resolved());
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(second)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(PaymentStatus.PROCESSING, new PaymentsApi(as(first)).listPayments(10, null).getData().get(0).getStatus());
        assertEquals(0, janitor.runOnce().examined(), "the one it could not settle waits a threshold, not first in line every run");
        assertLedgerAddsUp(first);
        assertLedgerAddsUp(second);
    }
}
