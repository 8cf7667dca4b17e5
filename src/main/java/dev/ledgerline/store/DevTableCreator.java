package dev.ledgerline.store;

import dev.ledgerline.config.BillingSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * In dev mode, creates the table (and turns on TTL) at start-up if it does not exist yet.
 * Outside dev mode the table is deployed from {@code deploy/dynamodb-table.json} and never touched.
 */
@Context
public class DevTableCreator {

    private static final Logger LOG = LoggerFactory.getLogger(DevTableCreator.class);

    private final BillingTable table;
    private final BillingSettings settings;

    public DevTableCreator(BillingTable table, BillingSettings settings) {
        this.table = table;
        this.settings = settings;
    }

    @PostConstruct
    void createInDevMode() {
        if (!settings.devMode()) {
            return;
        }
        if (exists()) {
            return;
        }
        try {
            table.client().createTable(TableDefinition.createRequest(table.name()));
            LOG.info("Created table {}", table.name());
        } catch (ResourceInUseException raced) {
            LOG.info("Table {} was created by another instance", table.name());
        }
        table.client().waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(table.name()).build());
        table.client().updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(table.name())
                .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(Keys.TTL).enabled(true).build())
                .build());
    }

    private boolean exists() {
        try {
            TableStatus status = table.client().describeTable(DescribeTableRequest.builder().tableName(table.name()).build())
                    .table().tableStatus();
            return status != null;
        } catch (ResourceNotFoundException absent) {
            return false;
        }
    }
}
