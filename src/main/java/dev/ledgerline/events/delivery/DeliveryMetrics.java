package dev.ledgerline.events.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * {@code ledgerline.delivery.attempts{outcome}} (delivered, failed, gave_up), their latency
 * {@code ledgerline.delivery.latency}, and {@code ledgerline.delivery.endpoints.disabled}: endpoints
 * the service turned off for failing.
 */
@Singleton
public class DeliveryMetrics {

    private final MeterRegistry meters;

    public DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void attempt(Attempt.Outcome outcome, long latencyMs) {
        Counter.builder("ledgerline.delivery.attempts").description("Pushes of events to the host's endpoints, by outcome")
                .tag("outcome", outcome.value).register(meters).increment();
        Timer.builder("ledgerline.delivery.latency").description("How long an endpoint took to answer a push")
                .register(meters).record(Duration.ofMillis(latencyMs));
    }

    void endpointDisabled() {
        Counter.builder("ledgerline.delivery.endpoints.disabled").description("Endpoints disabled after failing for billing.delivery.disable-after")
                .register(meters).increment();
    }
}
