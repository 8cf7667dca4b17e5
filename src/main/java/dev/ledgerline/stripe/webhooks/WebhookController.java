package dev.ledgerline.stripe.webhooks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.ledgerline.api.StripeWebhooksApi;
import dev.ledgerline.api.model.WebhookAck;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.web.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Verifies the signature over the raw body, claims the event in the inbox, then processes it.
 * Nothing is written for a request whose signature does not verify.
 */
@Controller
public class WebhookController implements StripeWebhooksApi {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    /** Stripe's own default: a signature older than five minutes is refused (replay protection). */
    static final long TOLERANCE_SECONDS = 300;
    /** Stripe's events nest about a dozen levels deep; far more is not an event. */
    static final int MAX_NESTING = 64;

    private final EventInbox inbox;
    private final EventDispatcher dispatcher;
    private final String webhookSecret;
    private final Clock clock;

    public WebhookController(EventInbox inbox, EventDispatcher dispatcher, StripeSettings stripe, Clock clock) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.webhookSecret = stripe.webhookSecret();
        this.clock = clock;
    }

    @Override
    public WebhookAck receiveStripeWebhook(String body, String stripeSignature) {
        Event event = verify(body, stripeSignature);
        if (!inbox.claim(event, body)) {
            LOG.info("Stripe event {} ({}) delivered again; already handled", event.getId(), event.getType());
            return new WebhookAck(true, true);
        }
        InboxStatus outcome;
        try {
            outcome = dispatcher.dispatch(event);
        } catch (EventNotReadyException e) {
            LOG.info("Stripe event {} ({}) is early: {}; Stripe will deliver it again", event.getId(), event.getType(), e.getMessage());
            inbox.finish(event.getId(), InboxStatus.FAILED, "not ready: " + e.getMessage());
            throw retryLater();
        } catch (RuntimeException e) {
            LOG.error("Processing Stripe event {} ({}) failed; Stripe will retry", event.getId(), event.getType(), e);
            inbox.finish(event.getId(), InboxStatus.FAILED, e.getClass().getSimpleName());
            throw retryLater();
        }
        inbox.finish(event.getId(), outcome, null);
        return new WebhookAck(true, false);
    }

    private static ProblemException retryLater() {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "event_processing_failed", "Event not processed",
                "The event was received but could not be applied yet; a redelivery will retry it.");
    }

    private Event verify(String body, String signature) {
        if (signature == null || signature.isBlank()) {
            throw ProblemException.badRequest("signature_missing", "The Stripe-Signature header is required.");
        }
        try {
            Webhook.Signature.verifyHeader(body, signature, webhookSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException | RuntimeException malformedHeader) {
            // stripe-java parses the header unguarded: "t=abc" or a bare "v1" throw NumberFormatException or
            // ArrayIndexOutOfBoundsException. Whatever the header holds, it does not verify: a 400, not a 500.
            throw signatureInvalid();
        }
        // stripe-java writes the parsed event back out recursively: JSON nested thousands deep overflows the stack.
        if (nestingDepth(body) > MAX_NESTING) {
            throw notAnEvent();
        }
        Event event;
        try {
            // Checks the signature again (cheap): constructEvent is the SDK's way of reading a webhook event.
            event = Webhook.constructEvent(body, signature, webhookSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException expiredMeanwhile) {
            throw signatureInvalid();
        } catch (RuntimeException notAStripeEvent) {
            // JsonParseException for broken JSON; IllegalStateException or IllegalArgumentException for JSON of another shape.
            throw notAnEvent();
        }
        if (event == null || event.getId() == null || event.getType() == null) {
            throw notAnEvent();
        }
        return event;
    }

    private static ProblemException signatureInvalid() {
        return ProblemException.badRequest("signature_invalid",
                "The Stripe-Signature header does not verify for this body (wrong secret, changed body or older than "
                        + TOLERANCE_SECONDS + " s).");
    }

    private static ProblemException notAnEvent() {
        return ProblemException.badRequest("invalid_event", "The body is not a Stripe event.");
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
