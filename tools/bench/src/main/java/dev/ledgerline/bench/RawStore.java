package dev.ledgerline.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The store calls each service request makes, issued directly at dynoxide with the same items:
 * the physical limit the service is measured against.
 */
final class RawStore {

    private final DynamoDbClient store;
    private final String table;

    RawStore(DynamoDbClient store, String table) {
        this.store = store;
        this.table = table;
    }

    /** GET /api/billing/balance: the session, then the balance row. */
    void balance(String sessionId, String accountId) {
        store.getItem(GetItemRequest.builder().tableName(table).key(Fixtures.key("SESSION#" + sessionId, "SESSION")).consistentRead(true).build());
        store.getItem(GetItemRequest.builder().tableName(table).key(Fixtures.key("ACCT#" + accountId, "BALANCE")).consistentRead(true).build());
    }

    /** A webhook for a settled payment: claim the event, read the payment, mark the event done. */
    void webhook(String eventId, String payload, String accountId, String paymentId) {
        Map<String, AttributeValue> item = Fixtures.key("EVT#" + eventId, "EVENT");
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("type", AttributeValue.fromS("payment_intent.succeeded"));
        item.put("payloadGz", AttributeValue.fromB(gzip(payload)));
        item.put("status", AttributeValue.fromS("processing"));
        item.put("attempts", AttributeValue.fromN("1"));
        item.put("claimedAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        store.putItem(PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(PK)").build());
        store.getItem(GetItemRequest.builder().tableName(table).key(Fixtures.key("ACCT#" + accountId, "PAY#" + paymentId)).consistentRead(true).build());
        store.updateItem(UpdateItemRequest.builder().tableName(table).key(Fixtures.key("EVT#" + eventId, "EVENT"))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("processed"))).build());
    }

    /** An internal charge: one transaction (account exists, marker new, entry, balance). */
    void charge(String accountId, long n) {
        String id = "chg_raw" + n;
        String now = Instant.now().toString();
        Map<String, AttributeValue> marker = Fixtures.key("ACCT#" + accountId, "ENTRY#" + id);
        marker.put("ledgerSk", AttributeValue.fromS("LEDGER#" + now + "#" + id));
        Map<String, AttributeValue> entry = Fixtures.key("ACCT#" + accountId, "LEDGER#" + now + "#" + id);
        entry.put("entryId", AttributeValue.fromS(id));
        entry.put("type", AttributeValue.fromS("charge"));
        entry.put("amount", AttributeValue.fromN("100"));
        entry.put("currency", AttributeValue.fromS("usd"));
        entry.put("description", AttributeValue.fromS("Raw charge"));
        entry.put("status", AttributeValue.fromS("settled"));
        entry.put("createdAt", AttributeValue.fromS(now));
        store.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                        .key(Fixtures.key("ACCT#" + accountId, "ACCOUNT")).conditionExpression("attribute_exists(PK)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker).conditionExpression("attribute_not_exists(PK)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(entry).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(Fixtures.key("ACCT#" + accountId, "BALANCE"))
                        .updateExpression("SET updatedAt = :now ADD balance :a, version :one")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now), ":a", AttributeValue.fromN("100"),
                                ":one", AttributeValue.fromN("1"))).build()).build()).build());
    }

    /** The service stores a webhook's raw body gzipped (its store/Gzip), so the floor does too. */
    private static SdkBytes gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }
}
