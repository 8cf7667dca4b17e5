package dev.ledgerline.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Counts payments entering a status ({@code ledgerline.payments}, by status and kind): once when
 * created, then once per status change that was written, whoever wrote it (the paying request, a
 * webhook, the janitor). The rate of {@code succeeded} against {@code failed} is the success rate.
 */
@Singleton
public class PaymentMetrics {

    static final String METRIC = "ledgerline.payments";

    private final MeterRegistry meters;

    public PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** {@code after} was written; {@code before} is what it replaced (null for a new payment). */
    public void written(@Nullable Payment before, Payment after) {
        if (before != null && before.status() == after.status()) {
            return;
        }
        Counter.builder(METRIC)
                .description("Payments entering a status, by status and kind")
                .tag("status", after.status().value())
                .tag("kind", after.kind().value())
                .register(meters)
                .increment();
    }
}
