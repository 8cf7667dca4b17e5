package dev.ledgerline.events.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One push of an event to one endpoint, as the delivery log keeps it. */
record Attempt(String endpointId, int number, Outcome outcome, @Nullable Integer statusCode, @Nullable String error, long latencyMs,
               Instant at) {

    enum Outcome {
        DELIVERED("delivered"), FAILED("failed"), GAVE_UP("gave_up");

        final String value;

        Outcome(String value) {
            this.value = value;
        }

        static Outcome of(String value) {
            for (Outcome outcome : values()) {
                if (outcome.value.equals(value)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("Unknown outcome " + value);
        }
    }
}
