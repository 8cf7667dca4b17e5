package dev.ledgerline.web;

import dev.ledgerline.api.model.FieldError;
import dev.ledgerline.api.model.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error the framework answers itself (no route, bad JSON, failed bean validation, wrong
 * content type, 5xx) leaves as problem+json with a stable code, like the service's own errors.
 * Server errors say nothing of their cause: no exception text or stack trace reaches the caller.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> baseResponse) {
        HttpStatus status = baseResponse.getStatus();
        boolean serverError = status.getCode() >= 500;
        String detail = serverError ? null : detail(context, status);
        Problem problem = Problems.forStatus(status, detail).instance(context.getRequest().getPath());
        if (!serverError) {
            problem = Problems.withErrors(problem, fieldErrors(context));
        }
        return baseResponse.contentType(Problems.PROBLEM_JSON).body(problem);
    }

    /**
     * Validation and missing-argument messages name the field and the rule, never the value, so
     * they are passed on. Anything else (a JSON parser's message quotes the body, which may hold
     * a password) is replaced by a fixed sentence.
     */
    private static String detail(ErrorContext context, HttpStatus status) {
        Throwable cause = context.getRootCause().orElse(null);
        boolean explainable = cause instanceof ConstraintViolationException || cause instanceof UnsatisfiedRouteException;
        if (!context.hasErrors() || (cause != null && !explainable)) {
            return status == HttpStatus.BAD_REQUEST
                    ? "The request could not be read: check that the body is valid JSON of the documented shape."
                    : status.getReason();
        }
        return context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }

    /** One entry per violated constraint, named by the JSON field (method and argument names left out). */
    private static List<FieldError> fieldErrors(ErrorContext context) {
        if (!(context.getRootCause().orElse(null) instanceof ConstraintViolationException violations)) {
            return List.of();
        }
        return violations.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::getField))
                .toList();
    }

    private static String fieldName(Path path) {
        List<String> fields = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> fields.add(node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]");
                default -> { }
            }
        }
        return fields.isEmpty() ? String.valueOf(parameter) : String.join(".", fields);
    }
}
