package dev.ledgerline.auth;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Users, keyed by email so login is one read: {@code PK=USER#<email>, SK=USER}. */
@Singleton
public class UserRepo {

    private final BillingTable table;
    private final AccountRepo accounts;

    public UserRepo(BillingTable table, AccountRepo accounts) {
        this.table = table;
        this.accounts = accounts;
    }

    /**
     * Writes the account and its first user in one transaction.
     *
     * @return false when a user with this email already exists (nothing is written)
     */
    public boolean insertWithAccount(User user, Account account) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.user(user.email()), Keys.USER_SK));
        item.put("userId", Attr.s(user.userId()));
        item.put("email", Attr.s(user.email()));
        item.put("accountId", Attr.s(user.accountId()));
        item.put("passwordHash", Attr.s(user.passwordHash()));
        item.put("roles", Attr.strings(user.roles()));
        item.put("createdAt", Attr.s(user.createdAt().toString()));
        TransactWriteItem putUser = TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)").build())
                .build();
        try {
            table.client().transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(putUser, accounts.insertItem(account, user.email()))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            CancellationReason userReason = e.cancellationReasons().isEmpty() ? null : e.cancellationReasons().get(0);
            if (userReason != null && "ConditionalCheckFailed".equals(userReason.code())) {
                return false;
            }
            throw e;
        }
    }

    public Optional<User> findByEmail(String email) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.user(email), Keys.USER_SK);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = found.get();
        return Optional.of(new User(Attr.getS(item, "userId"), Attr.getS(item, "email"), Attr.getS(item, "accountId"),
                Attr.getS(item, "passwordHash"), Attr.getStrings(item, "roles"), Instant.parse(Attr.getS(item, "createdAt"))));
    }
}
