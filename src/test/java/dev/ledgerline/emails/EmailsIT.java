package dev.ledgerline.emails;

import com.stripe.model.PaymentIntent;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.events.delivery.Deliverer;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.support.LocalstripeTestSupport;
import dev.ledgerline.support.Mailpit;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customers' emails through a real SMTP server (mailpit), read back through its API: each kind
 * once per event, however often Stripe delivers its webhook and however often the outbox runs.
 */
@MicronautTest
class EmailsIT extends LocalstripeTestSupport {

    private static final String PANEL = "https://billing.acme.test/";

    @Inject
    Deliverer deliverer;

    @Inject
    AutopayJob autopay;

    private final Mailpit mailpit = new Mailpit();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", Mailpit.SMTP_PORT);
        properties.put("smtp.starttls", "false");
        properties.put("smtp.username", "ledgerline");
        properties.put("smtp.password", "mailpit-accepts-any");
        properties.put("smtp.from", "Acme Billing <billing@acme.test>");
        properties.put("billing.business.name", "Acme Cloud Ltd");
        properties.put("billing.panel-url", PANEL);
        return properties;
    }

    private List<Mailpit.Summary> deliveredTo(String address, int count) throws Exception {
        return new OutboxMail(mailpit, deliverer, clock).deliveredTo(address, count);
    }

    private void nothingMoreTo(String address, int count) throws Exception {
        new OutboxMail(mailpit, deliverer, clock).nothingMoreTo(address, count);
    }

    @Test
    void aSucceededPaymentEmailsItsReceiptOnceWhateverStripeRedelivers() throws Exception {
        LoginResponse login = signupAndLogin();
        String address = emailOf(login);
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());
        // Stripe's own webhook for it, twice, as Stripe may: no second event, so no second email.
        PaymentIntent intent = localstripe.v1().paymentIntents().retrieve(payment.getStripePaymentIntentId());
        deliver("payment_intent.succeeded", intent.getLastResponse().body());
        deliver("payment_intent.succeeded", intent.getLastResponse().body());

        List<Mailpit.Summary> messages = deliveredTo(address, 1);
        assertEquals(1, messages.size(), () -> "one email: " + messages);
        assertEquals("Receipt for your payment of $25.00", messages.get(0).subject());
        Mailpit.Message receipt = mailpit.message(messages.get(0).id());
        assertTrue(receipt.text().contains("Thank you for your payment of $25.00 to Acme Cloud Ltd."), receipt.text());
        assertTrue(receipt.text().contains(PANEL), "the plain part links the panel");
        assertTrue(receipt.html().contains("href=\"" + PANEL + "\""), "the HTML part links the panel");
        assertEquals(1, receipt.attachments().size());
        Mailpit.Attachment pdf = receipt.attachments().get(0);
        assertEquals("receipt-" + payment.getId() + ".pdf", pdf.fileName());
        assertEquals("application/pdf", pdf.contentType());
        try (PDDocument document = Loader.loadPDF(mailpit.part(messages.get(0).id(), pdf.partId()))) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Amount paid $25.00"), text);
        }
        nothingMoreTo(address, 1);
    }

    @Test
    void aDeclinedPaymentEmailsTheNextStepsOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        String address = emailOf(login);
        addCard(login, DECLINED_ON_CHARGE);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(900L).description("Pro plan"));
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());

        List<Mailpit.Summary> messages = deliveredTo(address, 1);
        assertEquals(List.of("Your payment of $9.00 failed"), messages.stream().map(Mailpit.Summary::subject).toList());
        Mailpit.Message failed = mailpit.message(messages.get(0).id());
        assertTrue(failed.text().contains("did not go through: Your card was declined."), failed.text());
        assertTrue(failed.text().contains("add or choose another payment method"), failed.text());
        assertTrue(failed.attachments().isEmpty());
        nothingMoreTo(address, 1);
    }

    @Test
    void aFailedAutopaySaysWhenItTriesAgain() throws Exception {
        LoginResponse login = signupAndLogin();
        String address = emailOf(login);
        addCard(login, DECLINED_ON_CHARGE);
        new SettingsApi(as(login)).setAutopay(new AutopayRequest().enabled(true));
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1200L).description("Pro plan"));
        autopay.runOnce();

        List<Mailpit.Summary> messages = deliveredTo(address, 1);
        // One email: the autopay failure, not also the failed payment's.
        assertEquals(List.of("Automatic payment of $12.00 failed"), messages.stream().map(Mailpit.Summary::subject).toList());
        Mailpit.Message failed = mailpit.message(messages.get(0).id());
        // The first failure waits a day (AutopayJob.RETRY_AFTER).
        String tomorrow = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US).withZone(ZoneOffset.UTC)
                .format(clock.instant().plus(Duration.ofDays(1)).minusSeconds(120));
        assertTrue(failed.text().contains("Autopay will try again on " + tomorrow), failed.text());
        nothingMoreTo(address, 1);
    }

    @Test
    void aPaymentTheBankHoldsEmailsALinkToConfirmIt() throws Exception {
        LoginResponse login = signupAndLogin();
        String address = emailOf(login);
        addCard(login, AUTHENTICATES);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2000L).description("Pro plan"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.REQUIRES_ACTION, payment.getStatus());

        List<Mailpit.Summary> messages = deliveredTo(address, 1);
        assertEquals(List.of("Confirm your payment of $20.00"), messages.stream().map(Mailpit.Summary::subject).toList());
        Mailpit.Message confirm = mailpit.message(messages.get(0).id());
        assertTrue(confirm.text().contains(PANEL + "?confirm=" + payment.getId()), confirm.text());
        assertTrue(confirm.html().contains("href=\"" + PANEL + "?confirm=" + payment.getId() + "\""), confirm.html());
        nothingMoreTo(address, 1);
    }
}
