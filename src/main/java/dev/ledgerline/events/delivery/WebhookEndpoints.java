package dev.ledgerline.events.delivery;

import dev.ledgerline.audit.AuditRecord;
import dev.ledgerline.audit.Audits;
import dev.ledgerline.store.TableWrite;

import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Ids;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The host's endpoints: registered, changed and removed through the internal API, and read by the
 * deliverer through a short cache ({@code billing.delivery.endpoint-cache}), so that a run does not
 * read them per event. A change reaches every instance's deliverer within that time.
 */
@Singleton
public class WebhookEndpoints {

    /** {@code whsec_} and 32 random bytes. */
    private static final int SECRET_BYTES = 32;

    private final WebhookEndpointRepo repo;
    private final Clock clock;
    private final boolean devMode;
    private final DeliveryProperties properties;
    private final Audits audits;

    private volatile List<Endpoint> cached;
    private volatile Instant cachedAt = Instant.MIN;

    public WebhookEndpoints(WebhookEndpointRepo repo, Clock clock, BillingSettings settings, DeliveryProperties properties, Audits audits) {
        this.audits = audits;
        this.repo = repo;
        this.clock = clock;
        this.devMode = settings.devMode();
        this.properties = properties;
    }

    public Endpoint create(String url, @Nullable String description, @Nullable Set<String> eventTypes) {
        Instant now = clock.instant();
        Endpoint endpoint = new Endpoint(Ids.newId("we"), EndpointUrls.check(url, devMode), description == null ? "" : description,
                eventTypes == null ? Set.of() : eventTypes, true, null, null, null, now, now, newSecret());
        repo.create(endpoint, audit("webhook_endpoint.create", endpoint.id(), endpoint.url(), now));
        forget();
        return endpoint;
    }

    public List<Endpoint> list() {
        return repo.all();
    }

    public Endpoint get(String id) {
        return repo.find(id).orElseThrow(WebhookEndpoints::notFound);
    }

    public Endpoint update(String id, @Nullable String url, @Nullable String description, @Nullable Set<String> eventTypes,
                           @Nullable Boolean enabled) {
        String checked = url == null ? null : EndpointUrls.check(url, devMode);
        Instant now = clock.instant();
        String change = enabled == null ? checked : (enabled ? "enabled" : "disabled") + (checked == null ? "" : ", " + checked);
        Endpoint endpoint = repo.update(id, checked, description, eventTypes, enabled, now,
                audit("webhook_endpoint.update", id, change, now)).orElseThrow(WebhookEndpoints::notFound);
        forget();
        return endpoint;
    }

    public void delete(String id) {
        if (!repo.delete(id, audit("webhook_endpoint.delete", id, null, clock.instant()))) {
            throw notFound();
        }
        forget();
    }

    public Endpoint rotateSecret(String id) {
        Endpoint endpoint = repo.rotate(id, newSecret(), clock.instant(), audit("webhook_endpoint.rotate_secret", id, null, clock.instant()))
                .orElseThrow(WebhookEndpoints::notFound);
        forget();
        return endpoint;
    }

    /** The endpoints as the deliverer sees them: at most {@code endpoint-cache} old. */
    List<Endpoint> current() {
        Instant now = clock.instant();
        List<Endpoint> endpoints = cached;
        if (endpoints == null || !now.isBefore(cachedAt.plus(properties.endpointCache())) || now.isBefore(cachedAt)) {
            endpoints = repo.all();
            cached = endpoints;
            cachedAt = now;
        }
        return endpoints;
    }

    void forget() {
        cached = null;
    }

    /** Endpoints belong to the service, not an account: their records are in the service-wide audit log only. */
    private TableWrite audit(String action, String id, @Nullable String reason, Instant at) {
        return audits.change(AuditRecord.SERVICE_WIDE, action, id, reason, at);
    }

    private static String newSecret() {
        return "whsec_" + Ids.randomToken(SECRET_BYTES);
    }

    private static NotFound notFound() {
        return new NotFound("No such webhook endpoint.");
    }
}
