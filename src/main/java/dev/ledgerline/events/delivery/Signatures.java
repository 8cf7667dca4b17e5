package dev.ledgerline.events.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code Ledgerline-Signature} header, as Stripe signs: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">}, keyed with the endpoint's secret (its UTF-8 text, {@code whsec_} included).
 */
final class Signatures {

    static final String HEADER = "Ledgerline-Signature";

    private Signatures() {
    }

    static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
