package dev.ledgerline.web;

import dev.ledgerline.api.model.Problem;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction DynamoDB refused as a whole, which the code below did not turn into a domain
 * answer (it kept conflicting with concurrent writes to the same items): nothing was written, so
 * the caller may simply try again. A clean 409, never a 500.
 */
@Singleton
public class TransactionCanceledHandler implements ExceptionHandler<TransactionCanceled, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCanceledHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, TransactionCanceled canceled) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), canceled.getMessage());
        return Problems.response(new Conflict("concurrent_update",
                "The account was changed by another request at the same moment; nothing was written. Try again."), request.getPath());
    }
}
