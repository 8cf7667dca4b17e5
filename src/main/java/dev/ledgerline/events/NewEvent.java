package dev.ledgerline.events;

/**
 * An event to record with the change it reports: {@code object} is the resource after the change,
 * as the API shows it (a generated model), so a host parses it with the same client models.
 */
public record NewEvent(EventType type, Object object) {
}
