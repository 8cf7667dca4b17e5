package dev.ledgerline.settings;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings item {@code PK=ACCT#<accountId>, SK=SETTINGS}. Changes of the default are
 * conditional on the version read, so two concurrent changes cannot both win silently.
 */
@Singleton
public class SettingsRepo {

    private final BillingTable table;

    public SettingsRepo(BillingTable table) {
        this.table = table;
    }

    public BillingPreferences get(String accountId) {
        return table.get(Keys.account(accountId), Keys.SETTINGS_SK).map(SettingsRepo::read).orElse(BillingPreferences.INITIAL);
    }

    /** While on, the settings item is also in GSI1's {@code AUTOPAY} partition, which the autopay job reads. */
    public BillingPreferences setAutopay(String accountId, boolean enabled) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":enabled", Attr.bool(enabled), ":one", Attr.n(1)));
        String update = "SET autopayEnabled = :enabled ";
        if (enabled) {
            update += ", GSI1PK = :autopay, GSI1SK = :account ";
            values.put(":autopay", Attr.s(Keys.AUTOPAY_ACCOUNTS));
            values.put(":account", Attr.s(accountId));
        } else {
            update += "REMOVE GSI1PK, GSI1SK ";
        }
        return read(table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(key(accountId))
                .updateExpression(update + "ADD version :one")
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build()).attributes());
    }

    /**
     * Sets (or with null removes) the default, if the settings are still at {@code expectedVersion}.
     *
     * @return the new settings, or empty when they changed in the meantime (nothing written)
     */
    public Optional<BillingPreferences> setDefault(String accountId, @Nullable String paymentMethodId, boolean chosen,
                                                   long expectedVersion) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", Attr.n(1));
        values.put(":chosen", Attr.bool(chosen));
        String unchanged = "attribute_not_exists(version)";
        if (expectedVersion > 0) {
            unchanged = "version = :version";
            values.put(":version", Attr.n(expectedVersion));
        }
        String update;
        if (paymentMethodId == null) {
            update = "SET defaultChosen = :chosen REMOVE defaultPaymentMethodId ADD version :one";
        } else {
            update = "SET defaultPaymentMethodId = :pm, defaultChosen = :chosen ADD version :one";
            values.put(":pm", Attr.s(paymentMethodId));
        }
        try {
            return Optional.of(read(table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(key(accountId))
                    .updateExpression(update)
                    .conditionExpression(unchanged)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build()).attributes()));
        } catch (ConditionalCheckFailedException changed) {
            return Optional.empty();
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
