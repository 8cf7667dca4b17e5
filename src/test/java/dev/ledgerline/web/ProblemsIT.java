package dev.ledgerline.web;

import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the framework answers by itself is problem+json too, and never echoes the body back. */
@MicronautTest
class ProblemsIT extends ApiTestSupport {

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("\"code\":\"" + code + "\""), response.body());
        assertFalse(response.body().contains("at dev.ledgerline") || response.body().contains("Exception"), "no stack trace");
    }

    @Test
    void unknownRouteIsANotFoundProblem() throws Exception {
        assertProblem(RawHttp.get(server.getURL().toURI(), "/api/nothing-here"), 404, "not_found");
    }

    @Test
    void malformedJsonIsABadRequestThatDoesNotQuoteTheBody() throws Exception {
        String secret = "hunter2-very-secret-password";
        HttpResponse<String> response = RawHttp.post(URI.create(server.getURL() + "/"), "api/auth/login", "application/json",
                "{\"email\":\"a@example.com\",\"password\":\"" + secret + "\"", Map.of());
        assertProblem(response, 400, "invalid_request");
        assertFalse(response.body().contains(secret));
    }

    @Test
    void wrongContentTypeIsRefused() throws Exception {
        HttpResponse<String> response = RawHttp.post(URI.create(server.getURL() + "/"), "api/auth/login", "text/plain",
                "email=a@example.com", Map.of());
        assertProblem(response, 415, "unsupported_media_type");
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        HttpResponse<String> response = RawHttp.post(URI.create(server.getURL() + "/"), "api/auth/signup", "application/json",
                "{\"email\":\"a@example.com\",\"password\":\"short\",\"accountName\":\"Acme\"}", Map.of());
        assertProblem(response, 400, "invalid_request");
        assertTrue(response.body().contains("\"field\":\"password\""), response.body());
        assertFalse(response.body().contains("short\""), "the rejected value is not echoed");
    }
}
