package dev.ledgerline.client.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.model.Event;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a push from Ledgerline and reads its event. The {@code Ledgerline-Signature} header is
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as Stripe signs; verify
 * it over the raw body, exactly as received, before parsing anything.
 *
 * <pre>{@code
 * Event event = WebhookVerifier.verify(request.header("Ledgerline-Signature"), rawBody, endpointSecret);
 * if (event.getType() == EventType.PAYMENT_SUCCEEDED) {
 *     Payment payment = WebhookObjects.payment(event);
 * }
 * }</pre>
 * Deliveries are at least once: keep the event ids (or, per account, the highest {@code sequence})
 * you applied and skip repeats.
 */
public final class WebhookVerifier {

    /** Pushes signed longer ago than this are refused (a replayed capture); Stripe's default too. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerifier(Duration tolerance, Clock clock) {
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** With the default tolerance (5 minutes) and the system clock. */
    public static Event verify(String signatureHeader, String body, String secret) throws WebhookSignatureException {
        return new WebhookVerifier(DEFAULT_TOLERANCE, Clock.systemUTC()).verifyAndParse(signatureHeader, body, secret);
    }

    public Event verifyAndParse(String signatureHeader, String body, String secret) throws WebhookSignatureException {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The endpoint's secret is required");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException("No Ledgerline-Signature header");
        }
        if (body == null) {
            throw new WebhookSignatureException("No body");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : signatureHeader.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new WebhookSignatureException("The signature's timestamp is not a number");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            throw new WebhookSignatureException("The signature header has no timestamp (t=)");
        }
        if (signatures.isEmpty()) {
            throw new WebhookSignatureException("The signature header has no v1 signature");
        }
        byte[] expected = hmac(secret, timestamp + "." + body);
        boolean matches = false;
        for (String signature : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(signature);
            } catch (IllegalArgumentException notHex) {
                continue;
            }
            matches |= MessageDigest.isEqual(expected, given);
        }
        if (!matches) {
            throw new WebhookSignatureException("No signature matches the body for this secret");
        }
        long age = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new WebhookSignatureException("The signature's timestamp is outside the tolerance (" + tolerance.toSeconds() + " s)");
        }
        try {
            Event event = MAPPER.readValue(body, Event.class);
            if (event == null || event.getId() == null || event.getType() == null || event.getData() == null) {
                throw new WebhookSignatureException("The body is not an event");
            }
            return event;
        } catch (IOException e) {
            throw new WebhookSignatureException("The body is not an event", e);
        }
    }

    private static byte[] hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
