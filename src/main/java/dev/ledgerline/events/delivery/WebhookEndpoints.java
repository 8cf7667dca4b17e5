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
 * The host's endpoints: registered, changed and removed through the internal API, and read by each
 * deliverer run once, at its start (one query per run, not per event): a change reaches every
 * instance's next run.
 */
@Singleton
public class WebhookEndpoints {

    /** {@code whsec_} and 32 random bytes. */
    private static final int SECRET_BYTES = 32;

    private final WebhookEndpointRepo repo;
    private final Clock clock;
    private final boolean devMode;
    private final Audits audits;


    public WebhookEndpoints(WebhookEndpointRepo repo, Clock clock, BillingSettings settings, Audits audits) {
        this.audits = audits;
        this.repo = repo;
        this.clock = clock;
        this.devMode = settings.devMode();
    }

    public Endpoint create(String url, @Nullable String description, @Nullable Set<String> eventTypes) {
        Instant now = clock.instant();
        Endpoint endpoint = new Endpoint(Ids.newId("we"), EndpointUrls.check(url, devMode), description == null ? "" : description,
                eventTypes == null ? Set.of() : eventTypes, true, null, null, null, now, now, newSecret());
        repo.create(endpoint, audit("webhook_endpoint.create", endpoint.id(), endpoint.url(), now));
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
        return endpoint;
    }

    public void delete(String id) {
        if (!repo.delete(id, audit("webhook_endpoint.delete", id, null, clock.instant()))) {
            throw notFound();
        }
    }

    public Endpoint rotateSecret(String id) {
        Endpoint endpoint = repo.rotate(id, newSecret(), clock.instant(), audit("webhook_endpoint.rotate_secret", id, null, clock.instant()))
                .orElseThrow(WebhookEndpoints::notFound);
        return endpoint;
    }

    /** The endpoints as read at {@code readAt}. */
    record Known(List<Endpoint> endpoints, Instant readAt) {
    }

    /** The endpoints read now (one query), for a deliverer's run. */
    Known readNow() {
        Instant now = clock.instant();
        return new Known(repo.all(), now);
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
