package dev.ledgerline.events.delivery;

import dev.ledgerline.api.WebhookEndpointsApi;
import dev.ledgerline.api.model.EventType;
import dev.ledgerline.api.model.WebhookEndpoint;
import dev.ledgerline.api.model.WebhookEndpointList;
import dev.ledgerline.api.model.WebhookEndpointRequest;
import dev.ledgerline.api.model.WebhookEndpointStatus;
import dev.ledgerline.api.model.WebhookEndpointUpdate;
import dev.ledgerline.api.model.WebhookEndpointWithSecret;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The host's endpoints (service key, {@code /api/internal/**}); the secret is in the create and rotate answers only. */
@Controller
public class WebhookEndpointsController implements WebhookEndpointsApi {

    private final WebhookEndpoints endpoints;

    public WebhookEndpointsController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public HttpResponse<WebhookEndpointWithSecret> createWebhookEndpoint(WebhookEndpointRequest request) {
        Endpoint created = endpoints.create(request.getUrl(), request.getDescription(), types(request.getEventTypes()));
        return HttpResponse.created(new WebhookEndpointWithSecret(toApi(created), created.secret()));
    }

    @Override
    public WebhookEndpointList listWebhookEndpoints() {
        return new WebhookEndpointList(endpoints.list().stream().map(WebhookEndpointsController::toApi).toList());
    }

    @Override
    public WebhookEndpoint getWebhookEndpoint(String endpointId) {
        return toApi(endpoints.get(endpointId));
    }

    @Override
    public WebhookEndpoint updateWebhookEndpoint(String endpointId, WebhookEndpointUpdate update) {
        return toApi(endpoints.update(endpointId, update.getUrl(), update.getDescription(), types(update.getEventTypes()), update.getEnabled()));
    }

    @Override
    public HttpResponse<Void> deleteWebhookEndpoint(String endpointId) {
        endpoints.delete(endpointId);
        return HttpResponse.noContent();
    }

    @Override
    public WebhookEndpointWithSecret rotateWebhookEndpointSecret(String endpointId) {
        Endpoint rotated = endpoints.rotateSecret(endpointId);
        return new WebhookEndpointWithSecret(toApi(rotated), rotated.secret());
    }

    private static Set<String> types(List<EventType> types) {
        if (types == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        types.forEach(type -> values.add(type.getValue()));
        return values;
    }

    static WebhookEndpoint toApi(Endpoint endpoint) {
        WebhookEndpointStatus status = endpoint.enabled() ? WebhookEndpointStatus.ENABLED
                : endpoint.disabledReason() != null ? WebhookEndpointStatus.DISABLED_FAILING : WebhookEndpointStatus.DISABLED;
        return new WebhookEndpoint(endpoint.id(), endpoint.url(), endpoint.description(),
                endpoint.eventTypes().stream().map(EventType::fromValue).toList(), status, time(endpoint.createdAt()), time(endpoint.updatedAt()))
                .disabledReason(endpoint.disabledReason())
                .disabledAt(time(endpoint.disabledAt()))
                .failingSince(time(endpoint.failingSince()));
    }

    private static ZonedDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC);
    }
}
