package dev.ledgerline.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table's shape, as {@code deploy/dynamodb-table.json} declares it for AWS (a test keeps the
 * two equal): string keys PK/SK, two GSIs with all attributes projected, on-demand billing.
 */
public final class TableDefinition {

    private TableDefinition() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(Keys.PK), stringAttribute(Keys.SK),
                        stringAttribute(Keys.GSI1_PK), stringAttribute(Keys.GSI1_SK),
                        stringAttribute(Keys.GSI2_PK), stringAttribute(Keys.GSI2_SK))
                .keySchema(hash(Keys.PK), range(Keys.SK))
                .globalSecondaryIndexes(
                        index(Keys.GSI1, Keys.GSI1_PK, Keys.GSI1_SK),
                        index(Keys.GSI2, Keys.GSI2_PK, Keys.GSI2_SK))
                .build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(pk), range(sk))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
