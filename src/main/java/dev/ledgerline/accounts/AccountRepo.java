package dev.ledgerline.accounts;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account item ({@code PK=ACCT#<accountId>, SK=ACCOUNT}) and the reverse map from its Stripe
 * customer ({@code PK=STRIPECUS#<customerId>, SK=CUSTOMER}), which webhooks use to find the account.
 */
@Singleton
public class AccountRepo {

    private final BillingTable table;

    public AccountRepo(BillingTable table) {
        this.table = table;
    }

    /**
     * A put of a new account, to run inside the caller's transaction; fails if the id exists.
     * {@code contactEmail}: where the customer's emails go (its first user's login).
     */
    public TransactWriteItem insertItem(Account account, String contactEmail) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(account.accountId()), Keys.ACCOUNT_SK));
        item.put("accountId", Attr.s(account.accountId()));
        item.put("contactEmail", Attr.s(contactEmail));
        item.put("name", Attr.s(account.name()));
        item.put("currency", Attr.s(account.currency()));
        item.put("createdAt", Attr.s(account.createdAt().toString()));
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)").build())
                .build();
    }

    /** Where the account's emails go; empty for an account made before it was recorded. */
    public Optional<String> contactEmail(String accountId) {
        return table.get(Keys.account(accountId), Keys.ACCOUNT_SK).map(item -> Attr.getS(item, "contactEmail"));
    }

    public Optional<Account> find(String accountId) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.account(accountId), Keys.ACCOUNT_SK);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = found.get();
        return Optional.of(new Account(Attr.getS(item, "accountId"), Attr.getS(item, "name"),
                Attr.getS(item, "currency"), Instant.parse(Attr.getS(item, "createdAt")), Attr.getS(item, "stripeCustomerId")));
    }

    /**
     * Records the account's Stripe customer and its reverse map in one transaction, only if the
     * account has none yet.
     *
     * @return false when another request attached a customer first (nothing is written)
     */
    public boolean attachStripeCustomer(String accountId, String customerId) {
        TransactWriteItem setOnAccount = TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.ACCOUNT_SK))
                .updateExpression("SET stripeCustomerId = :customer")
                .conditionExpression("attribute_exists(PK) AND attribute_not_exists(stripeCustomerId)")
                .expressionAttributeValues(Map.of(":customer", Attr.s(customerId)))
                .build()).build();
        Map<String, AttributeValue> reverse = new HashMap<>(Attr.key(Keys.stripeCustomer(customerId), Keys.STRIPE_CUSTOMER_SK));
        reverse.put("accountId", Attr.s(accountId));
        TransactWriteItem putReverse = TransactWriteItem.builder().put(Put.builder()
                .tableName(table.name())
                .item(reverse)
                .conditionExpression("attribute_not_exists(PK)")
                .build()).build();
        try {
            table.client().transactWriteItems(TransactWriteItemsRequest.builder().transactItems(setOnAccount, putReverse).build());
            return true;
        } catch (TransactionCanceledException lostRace) {
            return false;
        }
    }

    public Optional<String> accountIdForCustomer(String customerId) {
        return table.get(Keys.stripeCustomer(customerId), Keys.STRIPE_CUSTOMER_SK).map(item -> Attr.getS(item, "accountId"));
    }
}
