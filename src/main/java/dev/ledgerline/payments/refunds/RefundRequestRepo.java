package dev.ledgerline.payments.refunds;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refunds the host asked for ({@code SK=REFUNDREQ#<paymentId>#<key hash>} in the payment's
 * account): what was asked (so a repeat of the key is told from a different request) and, once
 * Stripe made it, the refund's id (so a repeat after Stripe's own idempotency window still finds it).
 */
@Singleton
public class RefundRequestRepo {

    /** A request as recorded; {@code refundId} is null until Stripe answered. */
    public record Recorded(long amount, String fingerprint, @Nullable String refundId) {
    }

    private final BillingTable table;

    public RefundRequestRepo(BillingTable table) {
        this.table = table;
    }

    public Optional<Recorded> find(String accountId, String paymentId, String keyHash) {
        return table.get(Keys.account(accountId), Keys.refundRequest(paymentId, keyHash))
                .map(item -> new Recorded(Attr.getN(item, "amount", 0), Attr.getS(item, "fingerprint"), Attr.getS(item, "refundId")));
    }

    /**
     * Records the request with its audit record, in one transaction.
     *
     * @return false when this key was recorded already (nothing written)
     */
    public boolean create(String accountId, String paymentId, String keyHash, long amount, String fingerprint, Instant now,
                          TableWrite audit) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), Keys.refundRequest(paymentId, keyHash)));
        item.put("amount", Attr.n(amount));
        item.put("fingerprint", Attr.s(fingerprint));
        item.put("createdAt", Attr.s(now.toString()));
        try {
            table.transact(List.of(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(PK)").build()).build(), audit.item()));
            return true;
        } catch (TransactionCanceled canceled) {
            if (canceled.failed(0)) {
                return false;
            }
            throw canceled;
        }
    }

    public void recordRefund(String accountId, String paymentId, String keyHash, String refundId) {
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.account(accountId), Keys.refundRequest(paymentId, keyHash)))
                .updateExpression("SET refundId = :id")
                .expressionAttributeValues(Map.of(":id", Attr.s(refundId)))
                .build());
    }
}
