package dev.ledgerline.store;

import dev.ledgerline.config.BillingSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.Map;

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

    /**
     * Writes the item only if no item has its key: the building block of every "exactly once".
     *
     * @return false when the key was taken (nothing written)
     */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(name)
                    .item(item)
                    .conditionExpression("attribute_not_exists(PK)")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }
}
