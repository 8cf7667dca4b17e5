package dev.ledgerline.web;

import dev.ledgerline.api.model.Problem;
import dev.ledgerline.errors.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Domain errors thrown anywhere below a controller become their problem+json response. */
@Singleton
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        return Problems.response(exception, request.getPath());
    }
}
