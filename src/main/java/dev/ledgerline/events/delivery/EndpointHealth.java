package dev.ledgerline.events.delivery;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps track of endpoints that fail: an endpoint failing every push for {@code disable-after}
 * (since its first failure after its last 2xx) is disabled, with the reason and time in its status,
 * a warning in the log and {@code ledgerline.delivery.endpoints.disabled} counted.
 */
@Singleton
public class EndpointHealth {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointHealth.class);

    private final WebhookEndpointRepo repo;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;

    public EndpointHealth(WebhookEndpointRepo repo, DeliveryMetrics metrics, DeliveryProperties properties) {
        this.repo = repo;
        this.metrics = metrics;
        this.properties = properties;
    }

    void succeeded(Endpoint endpoint) {
        repo.succeeded(endpoint.id());
    }

    void failed(Endpoint endpoint, Instant now) {
        repo.failed(endpoint.id(), now).ifPresent(current -> {
            Instant since = current.failingSince();
            if (!current.enabled() || since == null || Duration.between(since, now).compareTo(properties.disableAfter()) < 0) {
                return;
            }
            String reason = "Every push failed from " + since + " to " + now + " (" + properties.disableAfter().toString() + " or longer).";
            if (repo.disableForFailing(endpoint.id(), since, reason, now)) {
                metrics.endpointDisabled();
                LOG.warn("Webhook endpoint {} disabled: every push failed since {}", endpoint.id(), since);
            }
        });
    }
}
