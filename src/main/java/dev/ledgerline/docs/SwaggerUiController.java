package dev.ledgerline.docs;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Swagger UI at {@code /swagger-ui}, showing the contract itself ({@code openapi/billing.yaml} is
 * copied to the classpath by the build and served at {@code /openapi/billing.yaml}). The UI's
 * assets come from the swagger-ui webjar, mapped in application.yml.
 */
@Controller
public class SwaggerUiController {

    private final String page;

    public SwaggerUiController(ResourceResolver resources) {
        try (InputStream in = resources.getResourceAsStream("classpath:docs/swagger-ui.html").orElseThrow()) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/swagger-ui")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> swaggerUi() {
        return HttpResponse.ok(page);
    }
}
