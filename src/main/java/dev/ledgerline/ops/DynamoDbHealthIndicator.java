package dev.ledgerline.ops;

import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.TableHealth;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Readiness: the table answers a DescribeTable within a short timeout and is ACTIVE or UPDATING
 * ({@link BillingTable#health}); the answer is reused for a few seconds. Details name a reason code
 * only, never the table, region or endpoint.
 */
@Singleton
public class DynamoDbHealthIndicator extends CachedHealthIndicator {

    static final String NAME = "dynamodb";

    private final BillingTable table;
    private final Duration timeout;

    public DynamoDbHealthIndicator(BillingTable table,
                                   @Value("${billing.health.timeout:2s}") Duration timeout,
                                   @Value("${billing.health.dynamodb-cache:5s}") Duration cache,
                                   @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        super(cache, executor);
        this.table = table;
        this.timeout = timeout;
    }

    @Override
    protected HealthResult probe() {
        TableHealth health = table.health(timeout);
        return health == TableHealth.UP ? up(NAME) : down(NAME, health.reason());
    }
}
