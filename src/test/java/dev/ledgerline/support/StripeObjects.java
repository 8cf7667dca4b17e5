package dev.ledgerline.support;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.UUID;

/**
 * Edits a Stripe object an emulator returned into the state a given event reports (stripe-mock is
 * stateless: its SetupIntent never moves to succeeded by itself).
 */
public final class StripeObjects {

    private final JsonObject object;

    private StripeObjects(JsonObject object) {
        this.object = object;
    }

    public static StripeObjects of(String json) {
        return new StripeObjects(JsonParser.parseString(json).getAsJsonObject());
    }

    public StripeObjects set(String field, String value) {
        object.addProperty(field, value);
        return this;
    }

    public StripeObjects set(String field, long value) {
        object.addProperty(field, value);
        return this;
    }

    public StripeObjects set(String field, JsonElement value) {
        object.add(field, value);
        return this;
    }

    public StripeObjects setJson(String field, String json) {
        object.add(field, JsonParser.parseString(json));
        return this;
    }

    public String json() {
        return object.toString();
    }

    public static String newPaymentMethodId() {
        return "pm_test" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
