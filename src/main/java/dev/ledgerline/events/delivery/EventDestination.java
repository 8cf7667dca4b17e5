package dev.ledgerline.events.delivery;

import dev.ledgerline.events.StoredEvent;

/**
 * A destination of every outbox event besides the host's endpoints (the customer's emails): the
 * deliverer hands it each event it takes, and the event stays in the outbox until every
 * destination has settled it. Defined here and implemented elsewhere, so the outbox does not
 * depend on what its destinations depend on.
 */
public interface EventDestination {

    /** A short name, the key of the run's breaker. */
    String name();

    boolean enabled();

    /** Whether the event is settled here (done now or before, or nothing to do); false: try again later. */
    boolean settle(StoredEvent event);
}
