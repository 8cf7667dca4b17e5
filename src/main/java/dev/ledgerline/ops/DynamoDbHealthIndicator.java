package dev.ledgerline.ops;

import dev.ledgerline.store.BillingTable;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Readiness: the table answers a DescribeTable within a short timeout and is ACTIVE (or UPDATING,
 * which still serves reads and writes). DescribeTable is a free control-plane call; the answer is
 * reused for a few seconds. Details name a reason code only, never the table, region or endpoint.
 */
@Singleton
public class DynamoDbHealthIndicator extends CachedHealthIndicator {

    static final String NAME = "dynamodb";
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbHealthIndicator.class);

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
        try {
            TableStatus status = table.client().describeTable(DescribeTableRequest.builder()
                    .tableName(table.name())
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                    .build()).table().tableStatus();
            if (status == TableStatus.ACTIVE || status == TableStatus.UPDATING) {
                return up(NAME);
            }
            return down(NAME, "not_active");
        } catch (ResourceNotFoundException e) {
            LOG.warn("Health: the table does not exist");
            return down(NAME, "not_found");
        } catch (DynamoDbException e) {
            LOG.warn("Health: DynamoDB refused DescribeTable: {} ({})", e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode(),
                    e.statusCode());
            return down(NAME, e.statusCode() == 400 && e.awsErrorDetails() != null
                    && "AccessDeniedException".equals(e.awsErrorDetails().errorCode()) ? "access_denied" : "unavailable");
        } catch (SdkException e) {
            LOG.warn("Health: DynamoDB unreachable: {}", e.getClass().getSimpleName());
            return down(NAME, "unavailable");
        }
    }
}
