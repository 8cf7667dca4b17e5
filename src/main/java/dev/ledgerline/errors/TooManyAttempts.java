package dev.ledgerline.errors;

import java.time.Duration;

/** The caller must wait {@link #retryAfter()} before trying again. */
public class TooManyAttempts extends DomainException {

    private final Duration retryAfter;

    public TooManyAttempts(String code, String detail, Duration retryAfter) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
