package dev.ledgerline.documents;

import dev.ledgerline.errors.TooManyAttempts;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many PDFs the API lays out at once. A statement at its row limit costs about half a second
 * of CPU (docs/benchmark.md), and nothing else stops a caller from asking for fifty at a time: the
 * CPU they took would be the payments' and the webhooks'. So at most
 * {@code billing.documents.max-concurrent} (the cores) are made at once; a request waits up to
 * {@code billing.documents.max-wait} (5 s) for its turn, then gets 429 with Retry-After. Emails
 * make their receipts outside the gate: the outbox runs them one at a time anyway.
 */
@Singleton
public class DocumentGate {

    private final Semaphore permits;
    private final Duration maxWait;

    public DocumentGate(@Value("${billing.documents.max-concurrent:0}") int maxConcurrent,
                        @Value("${billing.documents.max-wait:5s}") Duration maxWait) {
        this.permits = new Semaphore(maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors(), true);
        this.maxWait = maxWait;
    }

    public byte[] make(Supplier<byte[]> document) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new TooManyAttempts("documents_busy", "The service is making as many documents as it can at once; try again in a"
                    + " few seconds.", Duration.ofSeconds(2));
        }
        try {
            return document.get();
        } finally {
            permits.release();
        }
    }

    /** For a test: the permits, to take them all and see a request turned away. */
    Semaphore permits() {
        return permits;
    }
}
