package dev.ledgerline.auth;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions: {@code PK=SESSION#<sessionId>, SK=SESSION}, with {@code ttl} so DynamoDB removes
 * them after expiry. TTL deletion is lazy, so readers also check {@code expiresAt} themselves.
 */
@Singleton
public class SessionRepo {

    private final BillingTable table;

    public SessionRepo(BillingTable table) {
        this.table = table;
    }

    public void insert(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.session(session.sessionId()), Keys.SESSION_SK));
        item.put("tokenHash", Attr.s(session.tokenHash()));
        item.put("accountId", Attr.s(session.accountId()));
        item.put("userId", Attr.s(session.userId()));
        item.put("email", Attr.s(session.email()));
        item.put("roles", Attr.strings(session.roles()));
        item.put("createdAt", Attr.s(session.createdAt().toString()));
        item.put("expiresAt", Attr.s(session.expiresAt().toString()));
        item.put(Keys.TTL, Attr.n(session.expiresAt().getEpochSecond()));
        if (!table.putIfAbsent(item)) {
            throw new IllegalStateException("Session id collision: " + session.sessionId());
        }
    }

    /**
     * Strongly consistent: a new login is found at once on any instance, and a logout by the next
     * read (an instance may reuse what it read for a short while: {@link SessionCache}).
     */
    public Optional<Session> find(String sessionId) {
        Optional<Map<String, AttributeValue>> found = table.get(Keys.session(sessionId), Keys.SESSION_SK);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = found.get();
        return Optional.of(new Session(sessionId, Attr.getS(item, "tokenHash"), Attr.getS(item, "accountId"),
                Attr.getS(item, "userId"), Attr.getS(item, "email"), Attr.getStrings(item, "roles"),
                Instant.parse(Attr.getS(item, "createdAt")), Instant.parse(Attr.getS(item, "expiresAt"))));
    }

    public void delete(String sessionId) {
        table.client().deleteItem(DeleteItemRequest.builder()
                .tableName(table.name())
                .key(Attr.key(Keys.session(sessionId), Keys.SESSION_SK))
                .build());
    }
}
