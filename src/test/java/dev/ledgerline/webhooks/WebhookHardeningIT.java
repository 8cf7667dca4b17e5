package dev.ledgerline.webhooks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.stripe.model.SetupIntent;
import com.stripe.param.SetupIntentCreateParams;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.support.Answer;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.CapturedLogs;
import dev.ledgerline.support.Leaks;
import dev.ledgerline.support.RawHttp;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.TableSnapshot;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker (or a broken proxy) can send to the webhook endpoint. Every
 * delivery below is refused with a 4xx problem and writes nothing at all (the whole table is
 * compared before and after), or, for a genuine event of a type without a handler, is recorded as
 * {@code ignored} and nothing else. No response carries a stack trace or a secret, and neither does
 * any line the service logs meanwhile.
 * <p>
 * {@link WebhookIT} already covers the plain cases, not repeated here: a signature with another
 * secret, one older than 300 s, a missing header, the header {@code garbage}, a changed event type
 * under the original signature, a signed JSON object that is not an event, and a known type without
 * a handler recorded as {@code ignored}.
 */
@MicronautTest
class WebhookHardeningIT extends ApiTestSupport {

    private static final int SPEC_MAX_BODY = 262_144;
    private static final int SERVER_MAX_BODY = 1024 * 1024;

    private enum Outcome { REFUSED, IGNORED }

    private record Delivery(String name, int status, String code, Outcome outcome, Supplier<Answer> send) {
    }

    @Inject
    BillingTable table;

    private CapturedLogs logs;
    private String setupIntentJson;

    @BeforeEach
    void captureLogsAndFetchAnObject() throws Exception {
        logs = CapturedLogs.start();
        SetupIntent intent = StripeEvents.stripeMock().v1().setupIntents().create(SetupIntentCreateParams.builder()
                .addPaymentMethodType("card").setUsage(SetupIntentCreateParams.Usage.OFF_SESSION).build());
        setupIntentJson = intent.getLastResponse().body();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private String event(String type) {
        return StripeEvents.event(StripeEvents.newEventId(), type, setupIntentJson, now());
    }

    private String sign(String body, long timestamp) {
        return StripeEvents.sign(body, WEBHOOK_SECRET, timestamp);
    }

    /** The v1 HMAC of a fresh signature over {@code body}. */
    private String v1(String body) {
        String signature = sign(body, now());
        return signature.substring(signature.indexOf("v1=") + 3);
    }

    private Answer viaClient(String body, String signature) {
        return Answer.of(() -> new StripeWebhooksApi(anonymous()).receiveStripeWebhookWithHttpInfo(body, signature));
    }

    private Answer raw(String contentType, String body, String signature) {
        return Answer.of(RawHttp.post(URI.create(server.getURL() + "/"), "api/stripe/webhook", contentType, body,
                Map.of("Stripe-Signature", signature)));
    }

    /** A delivery of {@code body} as it is, signed correctly. */
    private Delivery signed(String name, int status, String code, Outcome outcome, Supplier<String> body) {
        return new Delivery(name, status, code, outcome, () -> {
            String payload = body.get();
            return viaClient(payload, sign(payload, now()));
        });
    }

    /** A fresh event under a Stripe-Signature header made from {@code (payload, v1 HMAC, now)}. */
    private Delivery header(String name, int status, String code, HeaderShape shape) {
        return new Delivery(name, status, code, Outcome.REFUSED, () -> {
            String payload = event("setup_intent.succeeded");
            return viaClient(payload, shape.header(payload, v1(payload), now()));
        });
    }

    @FunctionalInterface
    private interface HeaderShape {
        String header(String payload, String v1, long now);
    }

    /** A fresh event, signed, then changed before it is sent. */
    private Delivery changedAfterSigning(String name, java.util.function.UnaryOperator<String> change) {
        return new Delivery(name, 400, "signature_invalid", Outcome.REFUSED, () -> {
            String payload = event("setup_intent.succeeded");
            return viaClient(change.apply(payload), sign(payload, now()));
        });
    }

    /** A valid event of an unhandled type whose body is exactly {@code length} characters long. */
    private String eventOfLength(int length) {
        String object = "{\"object\":\"balance\",\"padding\":\"\"}";
        String empty = StripeEvents.event(StripeEvents.newEventId(), "ledgerline.padded", object, now());
        return empty.replace("\"padding\":\"\"", "\"padding\":\"" + "x".repeat(length - empty.length()) + "\"");
    }

    /** An event whose object holds arrays nested {@code depth} deep (written out by hand: Gson recurses per level). */
    private String nestedEvent(int depth) {
        return "{\"id\":\"" + StripeEvents.newEventId() + "\",\"object\":\"event\",\"type\":\"ledgerline.made_up\",\"created\":"
                + now() + ",\"data\":{\"object\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}}";
    }

    private List<Delivery> deliveries() {
        List<Delivery> d = new ArrayList<>();
        // Malformed signature headers. stripe-java parses the header itself; what it cannot parse must still be a 400.
        d.add(header("blank header", 400, "signature_missing", (p, v1, t) -> " "));
        d.add(header("timestamp not a number", 400, "signature_invalid", (p, v1, t) -> "t=abc,v1=" + v1));
        d.add(header("timestamp empty", 400, "signature_invalid", (p, v1, t) -> "t=,v1=" + v1));
        d.add(header("timestamp beyond a long", 400, "signature_invalid", (p, v1, t) -> "t=99999999999999999999,v1=" + v1));
        d.add(header("bare key without '='", 400, "signature_invalid", (p, v1, t) -> "t"));
        d.add(header("v1 without a value", 400, "signature_invalid", (p, v1, t) -> "t=" + t + ",v1"));
        d.add(header("no timestamp", 400, "signature_invalid", (p, v1, t) -> "v1=" + v1));
        d.add(header("no v1", 400, "signature_invalid", (p, v1, t) -> "t=" + t));
        d.add(header("only the v0 scheme", 400, "signature_invalid", (p, v1, t) -> "t=" + t + ",v0=" + v1));
        d.add(header("v1 in upper case", 400, "signature_invalid", (p, v1, t) -> "t=" + t + ",v1=" + v1.toUpperCase()));
        d.add(header("v1 truncated", 400, "signature_invalid", (p, v1, t) -> "t=" + t + ",v1=" + v1.substring(0, 32)));
        d.add(header("old signature, timestamp rewritten to now", 400, "signature_invalid",
                (p, v1, t) -> sign(p, t - 400).replace("t=" + (t - 400), "t=" + t)));
        d.add(header("header longer than 2048 characters", 400, "invalid_request",
                (p, v1, t) -> "t=" + t + ",v1=" + v1 + ",v0=" + "0".repeat(2048)));
        // The signature covers the exact bytes: equivalent JSON is not the same body.
        d.add(changedAfterSigning("trailing newline added", payload -> payload + "\n"));
        d.add(changedAfterSigning("re-serialized with indentation",
                payload -> new GsonBuilder().setPrettyPrinting().create().toJson(JsonParser.parseString(payload))));
        d.add(changedAfterSigning("event id changed", payload -> payload.replace("\"id\":\"evt_", "\"id\":\"evt_x")));
        // Oversized bodies: the contract's 256 KiB, and the server's 1 MB limit.
        d.add(signed("exactly 256 KiB", 200, null, Outcome.IGNORED, () -> eventOfLength(SPEC_MAX_BODY)));
        d.add(signed("256 KiB + 1", 400, "invalid_request", Outcome.REFUSED, () -> eventOfLength(SPEC_MAX_BODY + 1)));
        d.add(signed("1 MiB + 1", 413, "payload_too_large", Outcome.REFUSED, () -> eventOfLength(SERVER_MAX_BODY + 1)));
        // Unknown event types: recorded as ignored.
        d.add(signed("made-up event type", 200, null, Outcome.IGNORED, () -> event("ledgerline.made_up")));
        d.add(signed("real but unhandled event type", 200, null, Outcome.IGNORED, () -> event("invoice.paid")));
        // Garbage under a valid signature.
        d.add(signed("not JSON", 400, "invalid_event", Outcome.REFUSED, () -> "not json at all"));
        d.add(signed("truncated JSON", 400, "invalid_event", Outcome.REFUSED, () -> event("setup_intent.succeeded").substring(0, 40)));
        d.add(signed("JSON array", 400, "invalid_event", Outcome.REFUSED, () -> "[" + event("setup_intent.succeeded") + "]"));
        d.add(signed("JSON null", 400, "invalid_event", Outcome.REFUSED, () -> "null"));
        d.add(signed("JSON string", 400, "invalid_event", Outcome.REFUSED, () -> "\"evt_1\""));
        d.add(signed("JSON number", 400, "invalid_event", Outcome.REFUSED, () -> "42"));
        d.add(signed("empty body", 400, "invalid_request", Outcome.REFUSED, () -> ""));
        d.add(signed("event without an id", 400, "invalid_event", Outcome.REFUSED,
                () -> event("ledgerline.made_up").replaceFirst("\"id\":\"evt_[a-z0-9_]+\",", "")));
        d.add(signed("'object' is an object", 400, "invalid_event", Outcome.REFUSED,
                () -> event("ledgerline.made_up").replace("\"object\":\"event\"", "\"object\":{}")));
        d.add(signed("a v2 event notification", 400, "invalid_event", Outcome.REFUSED,
                () -> event("ledgerline.made_up").replace("\"object\":\"event\"", "\"object\":\"v2.core.event\"")));
        d.add(signed("'data' is a string", 400, "invalid_event", Outcome.REFUSED,
                () -> event("ledgerline.made_up").replaceFirst("\"data\":\\{.*}$", "\"data\":\"x\"}")));
        d.add(signed("nested 100,000 deep", 400, "invalid_event", Outcome.REFUSED, () -> nestedEvent(100_000)));
        // Content types: Stripe sends application/json; charset=utf-8.
        d.add(new Delivery("text/plain", 415, "unsupported_media_type", Outcome.REFUSED, () -> {
            String payload = event("setup_intent.succeeded");
            return raw("text/plain", payload, sign(payload, now()));
        }));
        d.add(new Delivery("application/json; charset=utf-8, as Stripe sends it", 200, null, Outcome.IGNORED, () -> {
            String payload = event("ledgerline.made_up");
            return raw("application/json; charset=utf-8", payload, sign(payload, now()));
        }));
        return d;
    }

    @Test
    void hostileDeliveriesAreRefusedOrIgnoredAndWriteNothingElse() throws Exception {
        // A user logs in meanwhile, so a token and a password pass through the service while it is logged.
        String token = signupAndLogin().getToken();
        List<String> failures = new ArrayList<>();
        List<Delivery> deliveries = deliveries();
        int refused = 0;
        int ignored = 0;
        for (Delivery delivery : deliveries) {
            TableSnapshot before = TableSnapshot.of(table);
            Answer answer = delivery.send().get();
            List<String> changes = TableSnapshot.of(table).changesSince(before);
            String name = "[" + delivery.name() + "] ";
            if (answer.status() != delivery.status() || (delivery.code() != null && !delivery.code().equals(answer.code()))) {
                failures.add(name + "expected " + delivery.status() + " " + delivery.code() + ", got " + answer.summary());
            }
            if (delivery.code() != null && !answer.isProblem()) {
                failures.add(name + "not application/problem+json: " + answer.summary());
            }
            Leaks.inResponse(answer.body(), List.of(token)).forEach(leak -> failures.add(name + "response contains " + leak));
            if (delivery.outcome() == Outcome.REFUSED && !changes.isEmpty()) {
                failures.add(name + "refused, yet wrote " + changes);
            }
            if (delivery.outcome() == Outcome.IGNORED && !isOneIgnoredEvent(changes, TableSnapshot.of(table))) {
                failures.add(name + "expected one inbox item marked ignored, got " + changes);
            }
            refused += delivery.outcome() == Outcome.REFUSED ? 1 : 0;
            ignored += delivery.outcome() == Outcome.IGNORED ? 1 : 0;
        }
        System.out.printf("WebhookHardeningIT: %d hostile deliveries: %d refused with nothing written, %d recorded as ignored; "
                + "%d failures; %d log lines checked%n", deliveries.size(), refused, ignored, failures.size(), logs.lines().size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        logs.assertClean(List.of(token));
    }

    private static boolean isOneIgnoredEvent(List<String> changes, TableSnapshot after) {
        if (changes.size() != 1 || !changes.get(0).startsWith("added EVT#")) {
            return false;
        }
        return "ignored".equals(after.items().get(changes.get(0).substring("added ".length())).get("status").s());
    }
}
