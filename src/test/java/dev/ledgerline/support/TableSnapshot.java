package dev.ledgerline.support;

import dev.ledgerline.store.BillingTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every item of the test class's own table, by key. Comparing two snapshots taken around a request
 * proves it wrote nothing (or exactly what it should): no balance, ledger, payment, inbox or
 * idempotency item appears, changes or goes.
 */
public record TableSnapshot(Map<String, Map<String, AttributeValue>> items) {

    public static TableSnapshot of(BillingTable table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = table.client().scan(ScanRequest.builder().tableName(table.name()).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.put(item.get("PK").s() + " | " + item.get("SK").s(), item));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new TableSnapshot(items);
    }

    /** Keys of the items added, changed or removed since {@code before}, e.g. {@code "added EVT#evt_1 | EVENT"}. */
    public List<String> changesSince(TableSnapshot before) {
        List<String> changes = new ArrayList<>();
        items.forEach((key, item) -> {
            Map<String, AttributeValue> old = before.items.get(key);
            if (old == null) {
                changes.add("added " + key);
            } else if (!old.equals(item)) {
                changes.add("changed " + key);
            }
        });
        before.items.keySet().stream().filter(key -> !items.containsKey(key)).forEach(key -> changes.add("removed " + key));
        return changes;
    }
}
