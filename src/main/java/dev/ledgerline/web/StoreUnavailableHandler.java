package dev.ledgerline.web;

import dev.ledgerline.api.model.Problem;
import dev.ledgerline.errors.RetryLater;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DynamoDB failed or did not answer. Every change is one transaction, so nothing was half done;
 * but a write whose answer was lost may have happened, so the caller is told to repeat the same
 * request (with the same Idempotency-Key, which makes the repeat safe). A 503, never a 500.
 */
@Singleton
public class StoreUnavailableHandler implements ExceptionHandler<SdkException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, SdkException failure) {
        LOG.warn("{} {}: the store failed: {}", request.getMethod(), request.getPath(), failure.getClass().getSimpleName());
        return Problems.response(new RetryLater("store_unavailable",
                "The data store did not answer; repeat the request (with the same Idempotency-Key)."), request.getPath());
    }
}
