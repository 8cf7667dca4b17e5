package dev.ledgerline.payments.autopay;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.TableWrite;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Autopay's retry state ({@code SK=AUTOPAY}: consecutive failures and when the last one happened),
 * and the accounts that have autopay on (the settings items in GSI1 partition {@code AUTOPAY}).
 * Failures and successes are counted in the same transaction that ends the payment, so each
 * payment counts once.
 */
@Singleton
public class AutopayRepo {

    public record State(int failures, @Nullable Instant lastFailureAt) {
    }

    private final BillingTable table;

    public AutopayRepo(BillingTable table) {
        this.table = table;
    }

    public State state(String accountId) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.account(accountId), Keys.AUTOPAY_SK);
        if (found.isEmpty()) {
            return new State(0, null);
        }
        Map<String, AttributeValue> item = found.get();
        String last = Attr.getS(item, "lastFailureAt");
        return new State((int) Attr.getN(item, "failures", 0), last == null ? null : Instant.parse(last));
    }

    /** The change that counts one more failure in a row, for the transaction that fails the payment. */
    public TableWrite failed(String accountId, Instant now) {
        return new TableWrite(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.AUTOPAY_SK))
                .updateExpression("SET lastFailureAt = :now ADD failures :one")
                .expressionAttributeValues(Map.of(":now", Attr.s(now.toString()), ":one", Attr.n(1)))
                .build()).build());
    }

    /** The change that clears the failures, for the transaction that settles the payment. */
    public TableWrite succeeded(String accountId) {
        return new TableWrite(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.AUTOPAY_SK))
                .updateExpression("SET failures = :zero REMOVE lastFailureAt")
                .expressionAttributeValues(Map.of(":zero", Attr.n(0)))
                .build()).build());
    }

    /** Accounts with autopay on. */
    public List<String> enabledAccounts() {
        List<String> accounts = table.queryAll(QueryRequest.builder()
                .tableName(table.name())
                .indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.AUTOPAY_ACCOUNTS))))
                .stream().map(item -> Attr.getS(item, Keys.GSI1_SK)).toList();
        return accounts;
    }
}
