package dev.ledgerline.events.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** The {@code billing.delivery.*} settings of the push of events to the host (docs/configuration.md). */
@ConfigurationProperties("billing.delivery")
public record DeliveryProperties(
        @Bindable(defaultValue = "8") int shards,
        @Bindable(defaultValue = "25") int batchSize,
        @Bindable(defaultValue = "2m") Duration leaseTime,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "10s") Duration readTimeout,
        @Bindable(defaultValue = "30s") Duration firstRetry,
        @Bindable(defaultValue = "6h") Duration maxRetry,
        @Bindable(defaultValue = "3d") Duration giveUpAfter,
        @Bindable(defaultValue = "3d") Duration disableAfter) {
}
