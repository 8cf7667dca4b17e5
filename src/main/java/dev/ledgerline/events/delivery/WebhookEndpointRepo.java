package dev.ledgerline.events.delivery;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The host's webhook endpoints: {@code PK=WHENDPOINTS}, {@code SK=WHEP#<endpointId>} (one small partition). */
@Singleton
public class WebhookEndpointRepo {

    private final BillingTable table;

    public WebhookEndpointRepo(BillingTable table) {
        this.table = table;
    }

    public void create(Endpoint endpoint, TableWrite audit) {
        Map<String, AttributeValue> item = new HashMap<>(key(endpoint.id()));
        item.put("endpointId", Attr.s(endpoint.id()));
        item.put("url", Attr.s(endpoint.url()));
        item.put("description", Attr.s(endpoint.description()));
        item.put("eventTypes", Attr.strings(List.copyOf(endpoint.eventTypes())));
        item.put("enabled", Attr.bool(true));
        item.put("secret", Attr.s(endpoint.secret()));
        item.put("createdAt", Attr.s(endpoint.createdAt().toString()));
        item.put("updatedAt", Attr.s(endpoint.updatedAt().toString()));
        table.transact(List.of(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build(), audit.item()));
    }

    /** Every endpoint, oldest first. */
    public List<Endpoint> all() {
        return table.queryPrefix(Keys.WEBHOOK_ENDPOINTS_PK, Keys.webhookEndpoint("")).stream().map(WebhookEndpointRepo::read)
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::id)).toList();
    }

    public Optional<Endpoint> find(String id) {
        return table.get(Keys.WEBHOOK_ENDPOINTS_PK, Keys.webhookEndpoint(id)).map(WebhookEndpointRepo::read);
    }

    /** Changes the fields given (null: unchanged); enabling clears why it was disabled and its failures. */
    public Optional<Endpoint> update(String id, @Nullable String url, @Nullable String description, @Nullable Set<String> eventTypes,
                                     @Nullable Boolean enabled, Instant now, TableWrite audit) {
        List<String> set = new ArrayList<>(List.of("#updatedAt = :now"));
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", Attr.s(now.toString())));
        if (url != null) {
            set.add("#url = :url");
            values.put(":url", Attr.s(url));
        }
        if (description != null) {
            set.add("#description = :description");
            values.put(":description", Attr.s(description));
        }
        if (eventTypes != null) {
            set.add("#eventTypes = :types");
            values.put(":types", Attr.strings(List.copyOf(eventTypes)));
        }
        if (enabled != null) {
            set.add("#enabled = :enabled");
            values.put(":enabled", Attr.bool(enabled));
            remove.addAll(List.of("#disabledReason", "#failingSince", "#failures"));
            if (enabled) {
                remove.add("#disabledAt");
            } else {
                set.add("#disabledAt = :now");
            }
        }
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return audited(id, expression, values, audit);
    }

    public Optional<Endpoint> rotate(String id, String secret, Instant now, TableWrite audit) {
        return audited(id, "SET #secret = :secret, #updatedAt = :now", Map.of(":secret", Attr.s(secret), ":now", Attr.s(now.toString())),
                audit);
    }

    public boolean delete(String id, TableWrite audit) {
        return commitsWith(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(key(id))
                .conditionExpression("attribute_exists(PK)").build()).build(), audit);
    }

    /** A change the host's key asked for, with its audit record in one transaction, then the endpoint as it is now. */
    private Optional<Endpoint> audited(String id, String expression, Map<String, AttributeValue> values, TableWrite audit) {
        boolean changed = commitsWith(TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(id))
                .updateExpression(expression).conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(names(ALIAS.matcher(expression).results().map(m -> m.group()).distinct().toArray(String[]::new)))
                .expressionAttributeValues(values).build()).build(), audit);
        return changed ? find(id) : Optional.empty();
    }

    /** @return false when the endpoint does not exist (nothing written) */
    private boolean commitsWith(TransactWriteItem change, TableWrite audit) {
        try {
            table.transact(List.of(change, audit.item()));
            return true;
        } catch (TransactionCanceled canceled) {
            if (canceled.failed(0)) {
                return false;
            }
            throw canceled;
        }
    }

    /** A failed push: it has been failing since its first failure after its last success. */
    public Optional<Endpoint> failed(String id, Instant now) {
        return updated(id, "SET #failingSince = if_not_exists(#failingSince, :now) ADD #failures :one", "attribute_exists(PK)",
                Map.of(":now", Attr.s(now.toString()), ":one", Attr.n(1)));
    }

    /** A 2xx: it is no longer failing (a no-op, refused by its condition, when it was not). */
    public void succeeded(String id) {
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name()).key(key(id))
                    .updateExpression("REMOVE #failingSince, #failures")
                    .conditionExpression("attribute_exists(#failingSince)")
                    .expressionAttributeNames(names("#failingSince", "#failures")).build());
        } catch (ConditionalCheckFailedException notFailing) {
            // nothing to clear
        }
    }

    /** Turns it off for failing since {@code failingSince}, unless it answered (or was changed) meanwhile. */
    public boolean disableForFailing(String id, Instant failingSince, String reason, Instant now) {
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name()).key(key(id))
                    .updateExpression("SET #enabled = :off, #disabledReason = :reason, #disabledAt = :now, #updatedAt = :now")
                    .conditionExpression("#enabled = :on AND #failingSince = :since")
                    .expressionAttributeNames(names("#enabled", "#disabledReason", "#disabledAt", "#updatedAt", "#failingSince"))
                    .expressionAttributeValues(Map.of(":off", Attr.bool(false), ":on", Attr.bool(true), ":reason", Attr.s(reason),
                            ":now", Attr.s(now.toString()), ":since", Attr.s(failingSince.toString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private Optional<Endpoint> updated(String id, String expression, String condition, Map<String, AttributeValue> values) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table.name()).key(key(id))
                .updateExpression(expression).conditionExpression(condition)
                .expressionAttributeNames(names(ALIAS.matcher(expression).results().map(m -> m.group()).distinct().toArray(String[]::new)))
                .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW);
        try {
            return Optional.of(read(table.client().updateItem(request.build()).attributes()));
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
    }

    private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile("#\\w+");

    /** Every attribute in an expression goes by an alias ({@code #url} for {@code url}), so none can clash with a reserved word. */
    private static Map<String, String> names(String... aliases) {
        Map<String, String> names = new HashMap<>();
        for (String alias : aliases) {
            names.put(alias, alias.substring(1));
        }
        return names;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Attr.key(Keys.WEBHOOK_ENDPOINTS_PK, Keys.webhookEndpoint(id));
    }

    private static Endpoint read(Map<String, AttributeValue> item) {
        return new Endpoint(Attr.getS(item, "endpointId"), Attr.getS(item, "url"), Attr.getS(item, "description"),
                new LinkedHashSet<>(Attr.getStrings(item, "eventTypes")), Attr.getBool(item, "enabled"), Attr.getS(item, "disabledReason"),
                instant(item, "disabledAt"), instant(item, "failingSince"), Instant.parse(Attr.getS(item, "createdAt")),
                Instant.parse(Attr.getS(item, "updatedAt")), Attr.getS(item, "secret"));
    }

    @Nullable
    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = Attr.getS(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
