package dev.ledgerline.emails;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentMethodStatus;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.events.delivery.Deliverer;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.Mailpit;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bank account waiting for its microdeposits (stripe-mock's SetupIntent, in the state Stripe's
 * signed setup_intent.requires_action reports): the customer is told once what to look for, even
 * when Stripe delivers the event twice.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicrodepositEmailIT extends ApiTestSupport implements TestPropertyProvider {

    @Inject
    Deliverer deliverer;

    @Inject
    AccountRepo accounts;

    private final Mailpit mailpit = new Mailpit();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("smtp.host", "127.0.0.1", "smtp.port", Mailpit.SMTP_PORT, "smtp.starttls", "false",
                "smtp.from", "billing@acme.test", "billing.panel-url", "https://billing.acme.test/");
    }

    @Test
    void aBankAccountWaitingForMicrodepositsIsEmailedOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createUsBankSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        String intent = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId())
                        .getLastResponse().body())
                .set("customer", accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId())
                .set("status", "requires_action")
                .set("payment_method", pm)
                .setJson("next_action", "{\"type\":\"verify_with_microdeposits\",\"verify_with_microdeposits\":"
                        + "{\"arrival_date\":" + (StripeEvents.now() + 86400) + ",\"microdeposit_type\":\"amounts\","
                        + "\"hosted_verification_url\":\"https://payments.stripe.com/microdeposit/x\"}}")
                .json();
        String eventId = StripeEvents.newEventId();
        deliver(eventId, "setup_intent.requires_action", intent, StripeEvents.now());
        deliver(eventId, "setup_intent.requires_action", intent, StripeEvents.now());
        assertEquals(PaymentMethodStatus.PENDING_VERIFICATION,
                new PaymentMethodsApi(as(login)).listPaymentMethods().getData().get(0).getStatus());

        String address = emailOf(login);
        OutboxMail outbox = new OutboxMail(mailpit, deliverer, clock);
        List<Mailpit.Summary> messages = outbox.deliveredTo(address, 1);
        assertEquals(List.of("Verify your bank account"), messages.stream().map(Mailpit.Summary::subject).toList());
        Mailpit.Message email = mailpit.message(messages.get(0).id());
        assertTrue(email.text().contains("verify the two small deposits"), email.text());
        assertTrue(email.text().contains("https://billing.acme.test/"), email.text());
        outbox.nothingMoreTo(address, 1);
    }
}
