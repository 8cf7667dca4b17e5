package dev.ledgerline.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What Stripe says now about the objects of a test: the PaymentIntents, charges, refunds,
 * disputes, Checkout Sessions and SetupIntents it created or that an event reported. stripe-mock is stateless
 * (a retrieve answers a fixture in a fixed state), so the proxy answers the service's retrieves
 * and lists of these objects from here, after stripe-mock has validated the request: the service
 * re-fetching an object finds what Stripe would report, and a reconciliation sees the same
 * Stripe as the events did.
 * <p>
 * A list filtered by {@code payment_intent} or {@code charge} holds only the objects known here
 * (none, if Stripe made none), never stripe-mock's fixture, which would be a refund or dispute
 * that never happened.
 */
public final class StripeState {

    private static final Map<String, String> COLLECTIONS = Map.of(
            "payment_intent", "/v1/payment_intents",
            "charge", "/v1/charges",
            "refund", "/v1/refunds",
            "dispute", "/v1/disputes",
            "checkout.session", "/v1/checkout/sessions",
            "setup_intent", "/v1/setup_intents");

    private final Map<String, JsonObject> objects = new ConcurrentHashMap<>();
    private static final String INTENTS = "/v1/payment_intents/";
    private static final String CANCEL = "/cancel";
    /** The statuses Stripe cancels a PaymentIntent in (else it answers payment_intent_unexpected_state). */
    private static final java.util.Set<String> CANCELABLE = java.util.Set.of("requires_payment_method", "requires_capture",
            "requires_confirmation", "requires_action", "processing");

    /**
     * A known intent that Stripe would cancel, canceled (kept as such by the proxy); one canceled
     * already as it is (a replay of the cancel's key). stripe-mock's fixture answers the rest.
     */
    private Optional<String> canceled(String id) {
        JsonObject known = objects.get(id);
        if (known == null) {
            return Optional.empty();
        }
        String status = string(known, "status");
        if ("canceled".equals(status)) {
            return Optional.of(known.toString());
        }
        if (status == null || !CANCELABLE.contains(status)) {
            return Optional.empty();
        }
        JsonObject canceled = known.deepCopy();
        canceled.addProperty("status", "canceled");
        canceled.addProperty("canceled_at", java.time.Instant.now().getEpochSecond());
        return Optional.of(canceled.toString());
    }

    /** Stripe's object as it is now (replaces an earlier state of the same id); other kinds are not kept. */
    public void put(String objectJson) {
        JsonElement parsed = JsonParser.parseString(objectJson);
        if (!parsed.isJsonObject()) {
            return;
        }
        JsonObject object = parsed.getAsJsonObject();
        String kind = string(object, "object");
        if (("list".equals(kind) || "search_result".equals(kind)) && object.has("data")) {
            object.getAsJsonArray("data").forEach(item -> put(item.toString())); // what a list the test edited reports
            return;
        }
        if (object.has("id") && object.has("object") && COLLECTIONS.containsKey(object.get("object").getAsString())) {
            objects.put(object.get("id").getAsString(), object.deepCopy());
        }
        // A charge carries its refunds: Stripe's list of the charge's refunds holds the same.
        JsonElement refunds = object.get("refunds");
        if ("charge".equals(string(object, "object")) && refunds != null && refunds.isJsonObject() && refunds.getAsJsonObject().has("data")) {
            refunds.getAsJsonObject().getAsJsonArray("data").forEach(refund -> put(refund.toString()));
        }
    }

    public Optional<String> get(String id) {
        return Optional.ofNullable(objects.get(id)).map(JsonObject::toString);
    }

    public void clear() {
        objects.clear();
    }

    /** The answer Stripe would give to {@code GET path?query} (or a cancel), when it concerns objects kept here. */
    Optional<String> answer(String method, String path, String rawQuery) {
        if ("POST".equals(method) && path.startsWith(INTENTS) && path.endsWith(CANCEL)) {
            return canceled(path.substring(INTENTS.length(), path.length() - CANCEL.length()));
        }
        if (!"GET".equals(method)) {
            return Optional.empty();
        }
        for (var collection : COLLECTIONS.entrySet()) {
            String base = collection.getValue();
            if (path.startsWith(base + "/") && path.indexOf('/', base.length() + 1) < 0) {
                return get(path.substring(base.length() + 1));
            }
            if (path.equals(base)) {
                return list(collection.getKey(), path, query(rawQuery));
            }
        }
        return Optional.empty();
    }

    private Optional<String> list(String type, String path, Map<String, String> query) {
        String intent = query.get("payment_intent");
        String charge = query.get("charge");
        Predicate<JsonObject> filter = o -> o.get("object").getAsString().equals(type)
                && (intent == null || intent.equals(string(o, "payment_intent")))
                && (charge == null || charge.equals(string(o, "charge")));
        List<JsonObject> found = objects.values().stream().filter(filter)
                .sorted(Comparator.comparingLong((JsonObject o) -> o.has("created") ? o.get("created").getAsLong() : 0).reversed())
                .toList();
        if (found.isEmpty() && intent == null && charge == null) {
            return Optional.empty(); // nothing known: stripe-mock's own answer stands
        }
        JsonArray data = new JsonArray();
        found.forEach(data::add);
        JsonObject answer = new JsonObject();
        answer.addProperty("object", "list");
        answer.add("data", data);
        answer.addProperty("has_more", false);
        answer.addProperty("url", path);
        return Optional.of(answer.toString());
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.isJsonObject() ? string(value.getAsJsonObject(), "id") : value.getAsString();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
