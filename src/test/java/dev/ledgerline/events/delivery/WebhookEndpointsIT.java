package dev.ledgerline.events.delivery;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.WebhookEndpointsApi;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.WebhookEndpoint;
import dev.ledgerline.client.model.WebhookEndpointList;
import dev.ledgerline.client.model.WebhookEndpointRequest;
import dev.ledgerline.client.model.WebhookEndpointStatus;
import dev.ledgerline.client.model.WebhookEndpointUpdate;
import dev.ledgerline.client.model.WebhookEndpointWithSecret;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.CapturedLogs;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host's endpoints through the internal API: the secret is shown once, bad input is a 400 that changes nothing. */
@MicronautTest
class WebhookEndpointsIT extends ApiTestSupport {

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private String raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Authorization", "Bearer " + SERVICE_KEY);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.headers().firstValue("content-type").orElse("") + " " + response.body();
    }

    @Test
    void anEndpointIsRegisteredChangedRotatedAndRemovedAndItsSecretIsShownOnce() throws Exception {
        WebhookEndpointsApi endpoints = new WebhookEndpointsApi(service());
        java.time.OffsetDateTime since = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        try (CapturedLogs logs = CapturedLogs.start()) {
            WebhookEndpointWithSecret created = endpoints.createWebhookEndpoint(new WebhookEndpointRequest()
                    .url("https://host.example.com/ledgerline/events").description("Production")
                    .eventTypes(List.of(EventType.PAYMENT_SUCCEEDED, EventType.PAYMENT_FAILED, EventType.PAYMENT_FAILED)));
            String secret = created.getSecret();
            assertTrue(secret.matches("whsec_[A-Za-z0-9_-]{43}"), "whsec_ and 32 random bytes");
            WebhookEndpoint endpoint = created.getEndpoint();
            assertEquals(WebhookEndpointStatus.ENABLED, endpoint.getStatus());
            assertEquals(List.of(EventType.PAYMENT_SUCCEEDED, EventType.PAYMENT_FAILED), endpoint.getEventTypes(), "a repeat counts once");
            assertEquals(endpoint, endpoints.getWebhookEndpoint(endpoint.getId()));

            String listed = raw("GET", "/api/internal/webhook-endpoints", null);
            String got = raw("GET", "/api/internal/webhook-endpoints/" + endpoint.getId(), null);
            assertTrue(listed.startsWith("200") && listed.contains(endpoint.getId()), listed);
            assertFalse(listed.contains(secret) || got.contains(secret) || listed.contains("whsec_") || got.contains("whsec_"),
                    "no answer but the creation's carries the secret");

            WebhookEndpoint off = endpoints.updateWebhookEndpoint(endpoint.getId(), new WebhookEndpointUpdate().enabled(false).eventTypes(List.of()));
            assertEquals(WebhookEndpointStatus.DISABLED, off.getStatus());
            assertEquals(List.of(), off.getEventTypes(), "empty: every type");
            assertEquals("Production", off.getDescription(), "what was not given is unchanged");
            assertEquals(WebhookEndpointStatus.ENABLED, endpoints.updateWebhookEndpoint(endpoint.getId(),
                    new WebhookEndpointUpdate().enabled(true).url("http://127.0.0.1:9/dev-mode-only")).getStatus());

            String rotated = endpoints.rotateWebhookEndpointSecret(endpoint.getId()).getSecret();
            assertNotEquals(secret, rotated);
            assertFalse(raw("GET", "/api/internal/webhook-endpoints/" + endpoint.getId(), null).contains(rotated));

            endpoints.deleteWebhookEndpoint(endpoint.getId());
            expectProblem(404, () -> endpoints.getWebhookEndpoint(endpoint.getId()));
            expectProblem(404, () -> endpoints.deleteWebhookEndpoint(endpoint.getId()));
            expectProblem(404, () -> endpoints.rotateWebhookEndpointSecret(endpoint.getId()));
            logs.assertClean(List.of(secret, rotated));

            // Every change is in the service-wide audit log, by the host's key, and no record holds a secret.
            List<dev.ledgerline.client.model.AuditRecord> audit = new dev.ledgerline.client.api.AuditApi(service())
                    .listAudit(100, null, since).getData().stream().filter(r -> endpoint.getId().equals(r.getTarget())).toList();
            assertEquals(List.of("webhook_endpoint.delete", "webhook_endpoint.rotate_secret", "webhook_endpoint.update",
                    "webhook_endpoint.update", "webhook_endpoint.create"), audit.stream().map(r -> r.getAction()).toList());
            assertTrue(audit.stream().allMatch(r -> r.getActor().equals("service:host-backend") && r.getAccountId().equals("service")));
            assertEquals("https://host.example.com/ledgerline/events", audit.get(4).getReason());
            assertFalse(audit.toString().contains(secret) || audit.toString().contains(rotated));
        }
    }

    @Test
    void badInputIsA400ThatChangesNothing() throws Exception {
        WebhookEndpointsApi endpoints = new WebhookEndpointsApi(service());
        WebhookEndpoint kept = endpoints.createWebhookEndpoint(new WebhookEndpointRequest().url("https://host.example.com/a")).getEndpoint();
        WebhookEndpointList before = endpoints.listWebhookEndpoints();
        for (String url : List.of("ftp://host.example.com/a", "http://host.example.com/a", "not a url", "/relative", "https://user:pw@host.example.com/a",
                "https://host.example.com/a#frag", "https:///nohost", "")) {
            Problem problem = expectProblem(400, () -> endpoints.createWebhookEndpoint(new WebhookEndpointRequest().url(url)));
            assertEquals("invalid_request", problem.getCode(), url);
            expectProblem(400, () -> endpoints.updateWebhookEndpoint(kept.getId(), new WebhookEndpointUpdate().url(url)));
        }
        for (String body : List.of("{}", "{\"url\":\"https://host.example.com/b\",\"eventTypes\":[\"nope\"]}",
                "{\"url\":\"https://host.example.com/b\",\"description\":\"" + "x".repeat(501) + "\"}", "{\"url\":42}", "not json")) {
            String answer = raw("POST", "/api/internal/webhook-endpoints", body);
            assertTrue(answer.startsWith("400 application/problem+json"), body + " -> " + answer);
        }
        assertTrue(raw("PATCH", "/api/internal/webhook-endpoints/" + kept.getId(), "{\"enabled\":\"yes\"}").startsWith("400 application/problem+json"));
        expectProblem(400, () -> endpoints.getWebhookEndpoint("not an id!"));
        expectProblem(404, () -> endpoints.updateWebhookEndpoint("we_nosuchendpoint", new WebhookEndpointUpdate().enabled(true)));
        assertEquals(before, endpoints.listWebhookEndpoints(), "nothing changed");
        expectProblem(401, () -> new WebhookEndpointsApi(anonymous()).listWebhookEndpoints());
    }
}
