package dev.ledgerline.audit;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Who moved money or changed settings, and why: {@code actor} is {@code user:<userId>},
 * {@code service:<key name>}, {@code stripe} (a webhook) or {@code system} (a job); {@code target}
 * names what was acted on (an entry, a payment, a method, the settings).
 */
public record AuditRecord(String id, String accountId, String actor, String action, String target, @Nullable Long amount,
                          @Nullable String currency, @Nullable String reason, @Nullable String requestId, Instant at) {

    /** The {@code accountId} of a change to the service itself (the host's webhook endpoints): never an account's id. */
    public static final String SERVICE_WIDE = "service";
}
