package dev.ledgerline.web;

import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.DomainException;
import dev.ledgerline.errors.InvalidRequest;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.ProviderRefused;
import dev.ledgerline.errors.ProviderUnavailable;
import dev.ledgerline.errors.RetryLater;
import dev.ledgerline.errors.TooManyAttempts;
import dev.ledgerline.errors.Unauthenticated;
import dev.ledgerline.errors.Unprocessable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;

import java.util.Map;

/** The one place that knows how each kind of domain error is answered over HTTP. */
final class DomainErrors {

    private DomainErrors() {
    }

    static HttpStatus status(DomainException e) {
        if (e instanceof InvalidRequest) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof Unauthenticated) {
            return HttpStatus.UNAUTHORIZED;
        } else if (e instanceof NotFound) {
            return HttpStatus.NOT_FOUND;
        } else if (e instanceof Conflict) {
            return HttpStatus.CONFLICT;
        } else if (e instanceof Unprocessable || e instanceof ProviderRefused) {
            return HttpStatus.UNPROCESSABLE_ENTITY;
        } else if (e instanceof TooManyAttempts) {
            return HttpStatus.TOO_MANY_REQUESTS;
        } else if (e instanceof ProviderUnavailable) {
            return HttpStatus.BAD_GATEWAY;
        } else if (e instanceof RetryLater) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        throw new IllegalArgumentException("No HTTP mapping for " + e.getClass().getName());
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Invalid request";
            case UNAUTHORIZED -> "Unauthorized";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case UNPROCESSABLE_ENTITY -> "Unprocessable request";
            case TOO_MANY_REQUESTS -> "Too many attempts";
            case BAD_GATEWAY -> "Payment provider unavailable";
            case SERVICE_UNAVAILABLE -> "Service unavailable";
            default -> status.getReason();
        };
    }

    static Map<String, String> headers(DomainException e) {
        if (e instanceof TooManyAttempts wait) {
            return Map.of(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.retryAfter().toSeconds())));
        }
        return Map.of();
    }
}
