package dev.ledgerline.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.ledgerline.config.StripeSettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/** Checks a webhook delivery's {@code Stripe-Signature} over the raw body and reads the event, with stripe-java. */
@Singleton
public class StripeWebhookSignature {

    /** Stripe's own default: a signature older than five minutes is refused (replay protection). */
    public static final long TOLERANCE_SECONDS = 300;

    private final String webhookSecret;
    private final Clock clock;

    public StripeWebhookSignature(StripeSettings stripe, Clock clock) {
        this.webhookSecret = stripe.webhookSecret();
        this.clock = clock;
    }

    /** Whether {@code signature} verifies for {@code body} with our secret, within the tolerance. */
    public boolean verifies(String body, String signature) {
        try {
            Webhook.Signature.verifyHeader(body, signature, webhookSecret, TOLERANCE_SECONDS, clock);
            return true;
        } catch (SignatureVerificationException | RuntimeException malformedHeader) {
            // stripe-java parses the header unguarded: "t=abc" or a bare "v1" throw NumberFormatException or
            // ArrayIndexOutOfBoundsException. Whatever the header holds, it does not verify.
            return false;
        }
    }

    /**
     * The event in a body whose signature verified (checked again, cheaply: constructEvent is the
     * SDK's way of reading a webhook event).
     *
     * @return empty when the body is not a Stripe event (broken JSON, another shape, no id or type)
     * @throws SignatureVerificationFailed when the signature no longer verifies (it expired meanwhile)
     */
    public Optional<StripeEvent> read(String body, String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(body, signature, webhookSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException expiredMeanwhile) {
            throw new SignatureVerificationFailed();
        } catch (RuntimeException notAStripeEvent) {
            // JsonParseException for broken JSON; IllegalStateException or IllegalArgumentException for JSON of another shape.
            return Optional.empty();
        }
        if (event == null || event.getId() == null || event.getType() == null) {
            return Optional.empty();
        }
        return Optional.of(new StripeEvent(event));
    }

    /** The signature stopped verifying between the check and the read. */
    public static class SignatureVerificationFailed extends RuntimeException {
        SignatureVerificationFailed() {
            super("signature no longer verifies", null, false, false);
        }
    }
}
