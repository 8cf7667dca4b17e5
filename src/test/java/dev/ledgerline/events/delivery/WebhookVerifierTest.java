package dev.ledgerline.events.delivery;

import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.webhooks.WebhookObjects;
import dev.ledgerline.client.webhooks.WebhookSignatureException;
import dev.ledgerline.client.webhooks.WebhookVerifier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's verifier against the service's own signer: what one signs, the other accepts; nothing else. */
class WebhookVerifierTest {

    private static final String SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuvwxyzABCD";
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final String BODY = "{\"id\":\"evo_1\",\"type\":\"charge.posted\",\"accountId\":\"acct_1\",\"sequence\":3,"
            + "\"createdAt\":\"2026-12-02T02:59:59.123456Z\",\"data\":{\"object\":{\"id\":\"chg_1\",\"type\":\"charge\",\"amount\":1250,"
            + "\"currency\":\"usd\",\"description\":\"Seats\",\"status\":\"pending\",\"createdAt\":\"2026-12-02T02:59:59Z\"}}}";

    private final WebhookVerifier verifier = new WebhookVerifier(WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String signed(Instant at, String body) {
        return Signatures.header(SECRET, at.getEpochSecond(), body);
    }

    @Test
    void aPushSignedByTheServiceVerifiesAndParses() throws Exception {
        Event event = verifier.verifyAndParse(signed(NOW.minusSeconds(20), BODY), BODY, SECRET);
        assertEquals("evo_1", event.getId());
        assertEquals(EventType.CHARGE_POSTED, event.getType());
        assertEquals(3L, event.getSequence());
        LedgerEntry entry = WebhookObjects.ledgerEntry(event);
        assertEquals(1250L, entry.getAmount());
        assertEquals(LedgerEntry.class, WebhookObjects.object(event).getClass());
        assertThrows(IllegalArgumentException.class, () -> WebhookObjects.object(event, Payment.class));
    }

    @Test
    void anythingElseIsRefusedWithAClearReason() {
        String header = signed(NOW, BODY);
        assertTrue(refused(header, BODY.replace("1250", "1"), SECRET).contains("No signature matches"));
        assertTrue(refused(header, BODY, SECRET + "x").contains("No signature matches"));
        assertTrue(refused(signed(NOW.minus(Duration.ofMinutes(6)), BODY), BODY, SECRET).contains("tolerance"));
        assertTrue(refused(null, BODY, SECRET).contains("No Ledgerline-Signature"));
        assertTrue(refused("", BODY, SECRET).contains("No Ledgerline-Signature"));
        assertTrue(refused("t=abc,v1=00", BODY, SECRET).contains("not a number"));
        assertTrue(refused("v1=" + header.substring(header.indexOf("v1=") + 3), BODY, SECRET).contains("no timestamp"));
        assertTrue(refused("t=" + NOW.getEpochSecond(), BODY, SECRET).contains("no v1"));
        assertTrue(refused("t=" + NOW.getEpochSecond() + ",v1=zz", BODY, SECRET).contains("No signature matches"));
        String notAnEvent = "{\"hello\":1}";
        assertTrue(refused(signed(NOW, notAnEvent), notAnEvent, SECRET).contains("not an event"));
    }

    private String refused(String header, String body, String secret) {
        return assertThrows(WebhookSignatureException.class, () -> verifier.verifyAndParse(header, body, secret)).getMessage();
    }
}
