package dev.ledgerline.webhooks;

import dev.ledgerline.api.StripeWebhooksApi;
import dev.ledgerline.api.model.WebhookAck;
import dev.ledgerline.errors.InvalidRequest;
import dev.ledgerline.errors.RetryLater;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeWebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.annotation.Controller;

import java.util.regex.Pattern;

/**
 * Verifies the signature over the raw body, then has the event applied once ({@link EventProcessor}).
 * Nothing is written for a request whose signature does not verify. Every delivery is counted as
 * {@code ledgerline.webhook.events} by event type and outcome: {@code applied}, {@code ignored}
 * (no handler, or not ours), {@code duplicate}, {@code deferred} (early; Stripe redelivers),
 * {@code failed}, or {@code rejected} (signature or body invalid; type {@code unverified}).
 */
@Controller
public class WebhookController implements StripeWebhooksApi {

    /** Stripe's events nest about a dozen levels deep; far more is not an event. */
    static final int MAX_NESTING = 64;
    static final String EVENTS_METRIC = "ledgerline.webhook.events";
    /** The type of a delivery that is not (yet) a verified event. */
    static final String UNVERIFIED = "unverified";
    /** Stripe's event types are a fixed catalogue of such names; anything else is not worth a time series. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+){1,4}");

    private final EventProcessor processor;
    private final StripeWebhookSignature signatures;
    private final MeterRegistry meters;

    public WebhookController(EventProcessor processor, StripeWebhookSignature signatures, MeterRegistry meters) {
        this.processor = processor;
        this.signatures = signatures;
        this.meters = meters;
    }

    @Override
    public WebhookAck receiveStripeWebhook(String body, String stripeSignature) {
        StripeEvent event;
        try {
            event = verify(body, stripeSignature);
        } catch (InvalidRequest invalid) {
            count(UNVERIFIED, "rejected");
            throw invalid;
        }
        EventProcessor.Outcome outcome = processor.process(event, body);
        count(event.type(), outcome.name().toLowerCase(java.util.Locale.ROOT));
        return switch (outcome) {
            case APPLIED, IGNORED -> new WebhookAck(true, false);
            case DUPLICATE -> new WebhookAck(true, true);
            // Not a 2xx: Stripe stops retrying at the first one, and the delivery under way may yet fail.
            case IN_PROGRESS -> throw new RetryLater("event_in_progress",
                    "Another delivery of this event is being processed; a redelivery will find its outcome.");
            case DEFERRED, FAILED -> throw retryLater();
        };
    }

    private void count(String type, String outcome) {
        Counter.builder(EVENTS_METRIC)
                .description("Stripe webhook deliveries by event type and outcome")
                .tag("type", type.equals(UNVERIFIED) || EVENT_TYPE.matcher(type).matches() && type.length() <= 64 ? type : "other")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static RetryLater retryLater() {
        return new RetryLater("event_processing_failed",
                "The event was received but could not be applied yet; a redelivery will retry it.");
    }

    private StripeEvent verify(String body, String signature) {
        if (signature == null || signature.isBlank()) {
            throw new InvalidRequest("signature_missing", "The Stripe-Signature header is required.");
        }
        if (!signatures.verifies(body, signature)) {
            throw signatureInvalid();
        }
        // stripe-java writes the parsed event back out recursively: JSON nested thousands deep overflows the stack.
        if (nestingDepth(body) > MAX_NESTING) {
            throw notAnEvent();
        }
        try {
            return signatures.read(body, signature).orElseThrow(WebhookController::notAnEvent);
        } catch (StripeWebhookSignature.SignatureVerificationFailed expiredMeanwhile) {
            throw signatureInvalid();
        }
    }

    private static InvalidRequest signatureInvalid() {
        return new InvalidRequest("signature_invalid",
                "The Stripe-Signature header does not verify for this body (wrong secret, changed body or older than "
                        + StripeWebhookSignature.TOLERANCE_SECONDS + " s).");
    }

    private static InvalidRequest notAnEvent() {
        return new InvalidRequest("invalid_event", "The body is not a Stripe event.");
    }

    /** How deeply arrays and objects nest in a JSON text (brackets inside strings do not count). */
    static int nestingDepth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
