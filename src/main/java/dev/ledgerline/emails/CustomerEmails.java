package dev.ledgerline.emails;

import dev.ledgerline.documents.BusinessProperties;
import dev.ledgerline.documents.Money;
import dev.ledgerline.documents.Receipts;
import dev.ledgerline.events.StoredEvent;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.autopay.AutopayRepo;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which events the customer hears of by email, and what each email says: a receipt (with its PDF)
 * when a payment succeeds, a failed payment (autopay's failures say when it tries again instead),
 * a payment that waits for the customer to authenticate it, a bank account waiting for its
 * microdeposits. Every other event sends nothing.
 */
@Singleton
public class CustomerEmails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMMM d, uuuu 'at' HH:mm 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final EmailTemplates templates;
    private final Receipts receipts;
    private final AutopayRepo autopay;
    private final BusinessProperties business;
    private final JsonMapper json;
    private final String panelUrl;

    public CustomerEmails(EmailTemplates templates, Receipts receipts, AutopayRepo autopay, BusinessProperties business, JsonMapper json,
                          @Value("${billing.panel-url:`http://localhost:8080/`}") String panelUrl) {
        this.templates = templates;
        this.receipts = receipts;
        this.autopay = autopay;
        this.business = business;
        this.json = json;
        this.panelUrl = panelUrl.endsWith("/") ? panelUrl : panelUrl + "/";
    }

    /** The email this event sends to {@code to}, if it sends one. */
    public Optional<Email> compose(StoredEvent event, String to) {
        Map<String, Object> object = object(event.objectJson());
        Map<String, Object> values = new HashMap<>();
        values.put("business", business.name());
        values.put("panelUrl", panelUrl);
        return switch (event.type()) {
            case PAYMENT_SUCCEEDED -> {
                String paymentId = (String) object.get("id");
                values.put("amount", amount(object));
                values.put("paymentId", paymentId);
                yield Optional.of(email("receipt", to, "Receipt for your payment of " + amount(object), values,
                        "receipt-" + paymentId + ".pdf", receipts.pdf(event.accountId(), paymentId)));
            }
            case PAYMENT_FAILED -> {
                if ("autopay".equals(object.get("kind"))) {
                    yield Optional.empty(); // autopay.failed, the same change's other event, tells it with the next attempt
                }
                values.put("amount", amount(object));
                values.put("reason", text(object, "failureMessage", "The payment was declined."));
                yield Optional.of(email("payment_failed", to, "Your payment of " + amount(object) + " failed", values, null, null));
            }
            case PAYMENT_REQUIRES_ACTION -> {
                values.put("amount", amount(object));
                values.put("confirmUrl", panelUrl + "?confirm=" + object.get("id"));
                yield Optional.of(email("action_required", to, "Confirm your payment of " + amount(object), values, null, null));
            }
            case AUTOPAY_FAILED -> {
                values.put("amount", amount(object));
                values.put("reason", text(object, "failureMessage", "The payment was declined."));
                Instant next = AutopayJob.nextAttempt(autopay.state(event.accountId()));
                values.put("nextAttempt", next == null ? "at its next run" : "on " + WHEN.format(next));
                yield Optional.of(email("autopay_failed", to, "Automatic payment of " + amount(object) + " failed", values, null, null));
            }
            case PAYMENT_METHOD_VERIFICATION_REQUIRED -> {
                values.put("bank", text(object, "bankName", "your bank"));
                values.put("last4", text(object, "last4", "...."));
                yield Optional.of(email("microdeposits", to, "Verify your bank account", values, null, null));
            }
            default -> Optional.empty();
        };
    }

    private Email email(String kind, String to, String subject, Map<String, Object> values, String attachmentName, byte[] attachment) {
        return new Email(kind, to, subject, templates.text(kind, values), templates.html(kind, values), attachmentName, attachment);
    }

    private static String text(Map<String, Object> object, String field, String otherwise) {
        Object value = object.get(field);
        return value == null ? otherwise : value.toString();
    }

    private static String amount(Map<String, Object> payment) {
        return Money.format(((Number) payment.get("amount")).longValue(), (String) payment.get("currency"));
    }

    private Map<String, Object> object(String objectJson) {
        try {
            return json.readValue(objectJson, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event's snapshot did not parse", e);
        }
    }
}
