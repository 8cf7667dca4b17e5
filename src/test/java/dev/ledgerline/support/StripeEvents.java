package dev.ledgerline.support;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.net.Webhook;

import java.util.UUID;

/**
 * Builds Stripe events around objects a Stripe emulator returned, and signs them the way Stripe
 * does ({@code Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">}).
 */
public final class StripeEvents {

    private StripeEvents() {
    }

    public static StripeClient stripeMock() {
        String base = System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111");
        return StripeClient.builder().setApiKey("sk_test_ledgerline").setApiBase(base).build();
    }

    /** An event of {@code type} whose data.object is {@code objectJson}, as Stripe would deliver it. */
    public static String event(String eventId, String type, String objectJson, long createdEpochSeconds) {
        JsonObject event = new JsonObject();
        event.addProperty("id", eventId);
        event.addProperty("object", "event");
        event.addProperty("api_version", com.stripe.Stripe.API_VERSION);
        event.addProperty("created", createdEpochSeconds);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        event.addProperty("type", type);
        JsonObject data = new JsonObject();
        data.add("object", JsonParser.parseString(objectJson));
        event.add("data", data);
        return event.toString();
    }

    public static String newEventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String sign(String payload, String secret, long timestampEpochSeconds) {
        try {
            return "t=" + timestampEpochSeconds + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestampEpochSeconds + "." + payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
