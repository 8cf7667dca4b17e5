package dev.ledgerline.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code billing.jobs.*} settings of the sharded jobs (autopay, the janitor): how many shards
 * their partitions are split into, how long an instance holds a shard it works, how often each
 * instance looks for shards left to work, and how many accounts autopay pays at once.
 */
@ConfigurationProperties("billing.jobs")
public record JobProperties(
        @Bindable(defaultValue = "16") int shards,
        @Bindable(defaultValue = "2m") Duration leaseTime,
        @Bindable(defaultValue = "30s") Duration tick,
        @Bindable(defaultValue = "4") int autopayConcurrency) {
}
