package dev.ledgerline.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code billing.session-cache.*}: how long a session read from the table may be reused without
 * asking the table again ({@code 0s} turns the cache off), and how many sessions are kept at most.
 */
@ConfigurationProperties("billing.session-cache")
public record SessionCacheProperties(
        @Bindable(defaultValue = "2s") Duration ttl,
        @Bindable(defaultValue = "10000") int maxEntries) {
}
