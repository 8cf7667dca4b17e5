package dev.ledgerline.store;

import dev.ledgerline.config.BillingSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one table every repository works on, and the client that reaches it. */
@Singleton
public class BillingTable {

    private final DynamoDbClient client;
    private final String name;

    public BillingTable(DynamoDbClient client, BillingSettings settings) {
        this.client = client;
        this.name = settings.tableName();
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }
}
