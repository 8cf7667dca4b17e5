package dev.ledgerline.emails;

import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.events.delivery.Deliverer;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.Mailpit;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Without SMTP_HOST nothing is sent, while mailpit (which would take it) is running. */
@MicronautTest
class EmailsOffIT extends LocalstripeTestSupport {

    @Inject
    Deliverer deliverer;

    @Inject
    CustomerEmailer emailer;

    @Inject
    EmailLogRepo log;

    @Test
    void nothingIsSentWhenSmtpIsNotConfigured() throws Exception {
        assertFalse(emailer.enabled());
        LoginResponse login = signupAndLogin();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan"));
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        OutboxMail outbox = new OutboxMail(new Mailpit(), deliverer, clock);
        for (int round = 0; round < 4; round++) {
            outbox.run();
        }
        assertEquals(0, new Mailpit().to(emailOf(login)).size());
        for (long sequence = 1; sequence <= 10; sequence++) {
            assertFalse(log.sent(login.getAccountId(), sequence), "no email recorded for event " + sequence);
        }
    }
}
