package dev.ledgerline.accounts;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The account item: {@code PK=ACCT#<accountId>, SK=ACCOUNT}. */
@Singleton
public class AccountRepo {

    private final BillingTable table;

    public AccountRepo(BillingTable table) {
        this.table = table;
    }

    /** A put of a new account, to run inside the caller's transaction; fails if the id exists. */
    public TransactWriteItem insertItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(account.accountId()), Keys.ACCOUNT_SK));
        item.put("accountId", Attr.s(account.accountId()));
        item.put("name", Attr.s(account.name()));
        item.put("currency", Attr.s(account.currency()));
        item.put("createdAt", Attr.s(account.createdAt().toString()));
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)").build())
                .build();
    }

    public Optional<Account> find(String accountId) {
        Map<String, AttributeValue> item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.ACCOUNT_SK))
                .build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(Attr.getS(item, "accountId"), Attr.getS(item, "name"),
                Attr.getS(item, "currency"), Instant.parse(Attr.getS(item, "createdAt"))));
    }
}
