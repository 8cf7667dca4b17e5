package dev.ledgerline.docs;

import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.RawHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class DocsAndHealthIT extends ApiTestSupport {

    private URI base() throws Exception {
        return server.getURL().toURI();
    }

    @Test
    void swaggerUiShowsTheContract() throws Exception {
        HttpResponse<String> page = RawHttp.get(base(), "/swagger-ui");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/openapi/billing.yaml"));

        HttpResponse<String> bundle = RawHttp.get(base(), "/swagger-ui/assets/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.body().length() > 100_000, "the Swagger UI bundle is served");

        HttpResponse<String> spec = RawHttp.get(base(), "/openapi/billing.yaml");
        assertEquals(200, spec.statusCode());
        assertEquals(Files.readString(Path.of("openapi/billing.yaml")), spec.body(), "the served spec is the contract");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = RawHttp.get(base(), "/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }
}
