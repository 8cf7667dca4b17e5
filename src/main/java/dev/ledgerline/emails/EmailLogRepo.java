package dev.ledgerline.emails;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which events' emails were sent: {@code PK=ACCT#<id>, SK=EMAIL#<sequence>}, written once the SMTP
 * server took the message. A redelivered event whose email is recorded sends nothing.
 */
@Singleton
public class EmailLogRepo {

    /** Longer than any event stays in the outbox. */
    private static final Duration RETENTION = Duration.ofDays(90);

    private final BillingTable table;

    public EmailLogRepo(BillingTable table) {
        this.table = table;
    }

    public boolean sent(String accountId, long sequence) {
        return table.get(Keys.account(accountId), Keys.emailSent(sequence)).isPresent();
    }

    public void record(String accountId, long sequence, String kind, String messageId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Attr.key(Keys.account(accountId), Keys.emailSent(sequence)));
        item.put("kind", Attr.s(kind));
        item.put("messageId", Attr.s(messageId));
        item.put("sentAt", Attr.s(at.toString()));
        item.put(Keys.TTL, Attr.n(at.plus(RETENTION).getEpochSecond()));
        table.put(item);
    }
}
