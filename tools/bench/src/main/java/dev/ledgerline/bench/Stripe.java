package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Objects from stripe-mock, and events signed the way Stripe signs them. */
final class Stripe {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Stripe() {
    }

    static ObjectNode get(String stripeMock, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stripeMock + path))
                .header("Authorization", "Bearer sk_test_bench").GET().build();
        return (ObjectNode) JSON.readTree(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    static String event(String id, String type, ObjectNode object, long created) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", id).put("object", "event").put("api_version", "2026-07-29.dahlia").put("created", created)
                .put("livemode", false).put("pending_webhooks", 1).put("type", type);
        event.putObject("data").set("object", object);
        return JSON.writeValueAsString(event);
    }

    static String sign(String payload, String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }
}
