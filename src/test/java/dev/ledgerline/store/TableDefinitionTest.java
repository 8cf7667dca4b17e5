package dev.ledgerline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table dev mode creates and the one deploy/dynamodb-table.json deploys must be the same table. */
class TableDefinitionTest {

    @Test
    void deployableTemplateMatchesTheCodesDefinition() throws IOException {
        JsonNode properties = new ObjectMapper().readTree(Path.of("deploy/dynamodb-table.json").toFile())
                .at("/Resources/BillingTable/Properties");
        CreateTableRequest code = TableDefinition.createRequest("t");

        assertEquals(code.billingModeAsString(), properties.get("BillingMode").asText());
        assertEquals(code.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).toList(),
                stream(properties.get("AttributeDefinitions")).map(a -> a.get("AttributeName").asText() + ":" + a.get("AttributeType").asText()).toList());
        assertEquals(keys(code.keySchema()), keys(properties.get("KeySchema")));

        List<String> codeIndexes = new ArrayList<>();
        for (GlobalSecondaryIndex index : code.globalSecondaryIndexes()) {
            codeIndexes.add(index.indexName() + " " + keys(index.keySchema()) + " " + index.projection().projectionTypeAsString());
        }
        List<String> templateIndexes = stream(properties.get("GlobalSecondaryIndexes"))
                .map(i -> i.get("IndexName").asText() + " " + keys(i.get("KeySchema")) + " " + i.at("/Projection/ProjectionType").asText())
                .toList();
        assertEquals(codeIndexes, templateIndexes);
        assertEquals(Keys.TTL, properties.at("/TimeToLiveSpecification/AttributeName").asText());
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> keys(JsonNode schema) {
        return stream(schema).map(k -> k.get("AttributeName").asText() + ":" + k.get("KeyType").asText()).toList();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
