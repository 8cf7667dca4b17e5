package dev.ledgerline.events.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Set;

/**
 * A host endpoint events are pushed to. {@code eventTypes} empty: every type. {@code secret} signs
 * the pushes; it never leaves the service but in the answer that created it, and {@link #toString()}
 * leaves it out, so no log line can carry it.
 */
public record Endpoint(String id, String url, String description, Set<String> eventTypes, boolean enabled,
                       @Nullable String disabledReason, @Nullable Instant disabledAt, @Nullable Instant failingSince,
                       Instant createdAt, Instant updatedAt, String secret) {

    /** Whether it gets this event: enabled, of a type it asked for, registered by the time the event became due ({@code from}). */
    boolean wants(String type, Instant from) {
        return enabled && (eventTypes.isEmpty() || eventTypes.contains(type)) && !createdAt.isAfter(from);
    }

    @Override
    public String toString() {
        return "Endpoint[" + id + ", enabled=" + enabled + "]";
    }
}
