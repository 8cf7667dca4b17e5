package dev.ledgerline.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.ApiResponse;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * One answer of the service, whether the request went through the generated client or through
 * {@link RawHttp}, so table-driven tests can check both alike. Status 0: no answer at all.
 */
public record Answer(int status, String contentType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FunctionalInterface
    public interface ClientCall {
        ApiResponse<?> call() throws ApiException;
    }

    public static Answer of(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
    }

    /** The client's answer; an error status arrives as ApiException, which is the answer too. */
    public static Answer of(ClientCall call) {
        try {
            ApiResponse<?> response = call.call();
            List<String> type = lowerCaseKeys(response.getHeaders()).getOrDefault("content-type", List.of(""));
            return new Answer(response.getStatusCode(), type.get(0), String.valueOf(response.getData()));
        } catch (ApiException e) {
            String type = e.getResponseHeaders() == null ? "" : e.getResponseHeaders().firstValue("content-type").orElse("");
            return new Answer(e.getCode(), type, e.getResponseBody() == null ? String.valueOf(e.getMessage()) : e.getResponseBody());
        }
    }

    private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new java.util.HashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return lower;
    }

    public boolean isProblem() {
        return contentType.startsWith("application/problem+json");
    }

    /** The problem's stable code, or null when the body is not a problem document. */
    public String code() {
        try {
            JsonNode code = JSON.readTree(body).get("code");
            return code == null ? null : code.asText();
        } catch (Exception notJson) {
            return null;
        }
    }

    /** What a failure message shows of it. */
    public String summary() {
        String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return status + " " + contentType + " " + shown;
    }
}
