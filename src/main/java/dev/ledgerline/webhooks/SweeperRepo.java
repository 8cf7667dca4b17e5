package dev.ledgerline.webhooks;

import dev.ledgerline.store.Attr;
import dev.ledgerline.store.BillingTable;
import dev.ledgerline.store.Keys;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The sweeper's checkpoint: the creation time (epoch seconds) from which Stripe's event list is read next. */
@Singleton
public class SweeperRepo {

    private final BillingTable table;

    public SweeperRepo(BillingTable table) {
        this.table = table;
    }

    public Optional<Long> checkpoint() {
        return table.get(Keys.SWEEPER_PK, Keys.SWEEPER_SK).map(item -> Attr.getN(item, "createdFrom", 0));
    }

    /** Racing instances may each move it; any of their values is safe, since the inbox makes re-reading harmless. */
    public void saveCheckpoint(long createdFrom) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                new HashMap<>(Attr.key(Keys.SWEEPER_PK, Keys.SWEEPER_SK));
        item.put("createdFrom", Attr.n(createdFrom));
        table.put(item);
    }
}
