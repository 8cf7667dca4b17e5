package dev.ledgerline.web;

import dev.ledgerline.api.model.FieldError;
import dev.ledgerline.api.model.Problem;
import dev.ledgerline.errors.DomainException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds problem+json responses; the {@code type} URI is derived from the stable code. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final String TYPE_BASE = "https://ledgerline.dev/problems/";

    private Problems() {
    }

    public static Problem problem(HttpStatus status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + code.replace('_', '-'), title, status.getCode(), code).detail(detail);
    }

    public static MutableHttpResponse<Problem> response(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.getStatus()))
                .contentType(PROBLEM_JSON)
                .body(problem);
    }

    /** The answer to a domain error: its kind decides the status, title and headers; its code, the type. */
    public static MutableHttpResponse<Problem> response(DomainException e, String instance) {
        HttpStatus status = DomainErrors.status(e);
        MutableHttpResponse<Problem> response = response(problem(status, e.code(), DomainErrors.title(status), e.detail()).instance(instance));
        DomainErrors.headers(e).forEach(response::header);
        return response;
    }

    public static Problem withErrors(Problem problem, List<FieldError> errors) {
        return errors.isEmpty() ? problem : problem.errors(errors);
    }

    /** Stable code and title for a status the framework produced (routing, decoding, validation). */
    public static Problem forStatus(HttpStatus status, String detail) {
        return switch (status) {
            case BAD_REQUEST -> problem(status, "invalid_request", "Invalid request", detail);
            case UNAUTHORIZED -> problem(status, "unauthorized", "Unauthorized", detail);
            case FORBIDDEN -> problem(status, "forbidden", "Forbidden", detail);
            case NOT_FOUND -> problem(status, "not_found", "Not found", detail);
            case METHOD_NOT_ALLOWED -> problem(status, "method_not_allowed", "Method not allowed", detail);
            case NOT_ACCEPTABLE -> problem(status, "not_acceptable", "Not acceptable", detail);
            case UNSUPPORTED_MEDIA_TYPE -> problem(status, "unsupported_media_type", "Unsupported media type", detail);
            case REQUEST_ENTITY_TOO_LARGE -> problem(status, "payload_too_large", "Payload too large", detail);
            case UNPROCESSABLE_ENTITY -> problem(status, "unprocessable", "Unprocessable request", detail);
            default -> status.getCode() >= 500
                    ? problem(status, "internal_error", "Internal error", "The request could not be completed; nothing was charged twice. Try again.")
                    : problem(status, "http_" + status.getCode(), status.getReason(), detail);
        };
    }
}
