package dev.ledgerline.settings;

import dev.ledgerline.events.EventRepo;
import dev.ledgerline.events.EventType;
import dev.ledgerline.events.NewEvent;
import dev.ledgerline.jobs.JobProperties;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Shards;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings item {@code PK=ACCT#<accountId>, SK=SETTINGS}. Changes of the default are
 * conditional on the version read, so two concurrent changes cannot both win silently.
 */
@Singleton
public class SettingsRepo {

    private final BillingTable table;

    private final EventRepo events;

    private final int shards;

    public SettingsRepo(BillingTable table, EventRepo events, JobProperties jobs) {
        this.table = table;
        this.events = events;
        this.shards = jobs.shards();
    }

    public BillingPreferences get(String accountId) {
        return table.get(Keys.account(accountId), Keys.SETTINGS_SK).map(SettingsRepo::read).orElse(BillingPreferences.INITIAL);
    }

    /**
     * While on, the settings item is also in GSI1's {@code AUTOPAY#<shard>} partition, which the autopay job
     * reads. Written with its audit record in one transaction, then read back.
     */
    public BillingPreferences setAutopay(String accountId, boolean enabled, TableWrite audit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":enabled", Attr.bool(enabled), ":one", Attr.n(1)));
        String update = "SET autopayEnabled = :enabled ";
        if (enabled) {
            update += ", GSI1PK = :autopay, GSI1SK = :account ";
            values.put(":autopay", Attr.s(Keys.autopayAccounts(Shards.of(accountId, shards))));
            values.put(":account", Attr.s(accountId));
        } else {
            update += "REMOVE GSI1PK, GSI1SK ";
        }
        table.transact(List.of(TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name())
                .key(key(accountId))
                .updateExpression(update + "ADD version :one")
                .expressionAttributeValues(values)
                .build()).build(), audit.item()));
        return get(accountId);
    }

    /**
     * Sets (or with null removes) the default, if the settings are still as {@code expected} (by
     * version), with the {@code payment_method.default_changed} event, in one transaction.
     *
     * @return the new settings, or empty when they changed in the meantime (nothing written)
     */
    public Optional<BillingPreferences> setDefault(String accountId, @Nullable String paymentMethodId, boolean chosen,
                                                   BillingPreferences expected, TableWrite audit, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", Attr.n(1));
        values.put(":chosen", Attr.bool(chosen));
        String unchanged = "attribute_not_exists(version)";
        if (expected.version() > 0) {
            unchanged = "version = :version";
            values.put(":version", Attr.n(expected.version()));
        }
        String update;
        if (paymentMethodId == null) {
            update = "SET defaultChosen = :chosen REMOVE defaultPaymentMethodId ADD version :one";
        } else {
            update = "SET defaultPaymentMethodId = :pm, defaultChosen = :chosen ADD version :one";
            values.put(":pm", Attr.s(paymentMethodId));
        }
        // The version condition holds only if nothing else changed, so the settings after are these.
        BillingPreferences after = new BillingPreferences(expected.autopayEnabled(), paymentMethodId, chosen, expected.version() + 1);
        try {
            events.transact(accountId, List.of(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table.name())
                    .key(key(accountId))
                    .updateExpression(update)
                    .conditionExpression(unchanged)
                    .expressionAttributeValues(values)
                    .build()).build(), audit.item()), List.of(new NewEvent(EventType.PAYMENT_METHOD_DEFAULT_CHANGED, SettingsController.toApi(after))), now);
            return Optional.of(after);
        } catch (TransactionCanceled changed) {
            if (changed.failed(0)) {
                return Optional.empty();
            }
            throw changed;
        }
    }

    private static Map<String, AttributeValue> key(String accountId) {
        return Attr.key(Keys.account(accountId), Keys.SETTINGS_SK);
    }

    private static BillingPreferences read(Map<String, AttributeValue> item) {
        return new BillingPreferences(Attr.getBool(item, "autopayEnabled"), Attr.getS(item, "defaultPaymentMethodId"),
                Attr.getBool(item, "defaultChosen"), Attr.getN(item, "version", 0));
    }
}
