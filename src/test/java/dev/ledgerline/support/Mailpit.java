package dev.ledgerline.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SMTP server got, through mailpit's HTTP API (scripts/emulators.sh starts it): the
 * messages to an address, one message's text, HTML and attachments.
 */
public final class Mailpit {

    public static final String URL = System.getenv().getOrDefault("MAILPIT_URL", "http://127.0.0.1:8025");
    public static final String SMTP_PORT = System.getenv().getOrDefault("MAILPIT_SMTP_PORT", "1025");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    public record Summary(String id, String subject, String messageId, int attachments) {
    }

    public record Attachment(String partId, String fileName, String contentType) {
    }

    public record Message(String subject, String text, String html, List<Attachment> attachments) {
    }

    /** Every message to {@code address}, newest first. */
    public List<Summary> to(String address) throws IOException, InterruptedException {
        JsonNode found = get("/api/v1/search?limit=200&query=" + URLEncoder.encode("to:\"" + address + "\"", StandardCharsets.UTF_8));
        List<Summary> messages = new ArrayList<>();
        for (JsonNode m : found.path("messages")) {
            messages.add(new Summary(m.path("ID").asText(), m.path("Subject").asText(), m.path("MessageID").asText(),
                    m.path("Attachments").asInt()));
        }
        return messages;
    }

    public Message message(String id) throws IOException, InterruptedException {
        JsonNode m = get("/api/v1/message/" + id);
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : m.path("Attachments")) {
            attachments.add(new Attachment(a.path("PartID").asText(), a.path("FileName").asText(), a.path("ContentType").asText()));
        }
        return new Message(m.path("Subject").asText(), m.path("Text").asText(), m.path("HTML").asText(), attachments);
    }

    public byte[] part(String id, String partId) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(URL + "/api/v1/message/" + id + "/part/" + partId)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(URL + path)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("mailpit answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
