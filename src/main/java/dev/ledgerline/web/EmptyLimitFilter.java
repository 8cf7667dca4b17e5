package dev.ledgerline.web;

import dev.ledgerline.api.model.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * {@code ?limit=} is not "no limit". Micronaut binds a query parameter given with an empty value
 * as absent, so the listing answered a default page where the contract's {@code limit} (an
 * integer from 1 to 100, the only integer query parameter) makes the request invalid. It is a 400
 * naming the field, as {@code ?limit=0} is. Runs after the authentication filters (a caller
 * without credentials still gets 401 first). Found by contract fuzzing (scripts/fuzz.sh).
 */
@ServerFilter("/api/**")
public class EmptyLimitFilter implements Ordered {

    private static final String RULE = "must be an integer from 1 to 100";

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseEmptyLimit(HttpRequest<?> request) {
        if (request.getParameters().getAll("limit").stream().noneMatch(String::isBlank)) {
            return null;
        }
        return Problems.response(Problems.withErrors(
                Problems.problem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request", "limit: " + RULE).instance(request.getPath()),
                List.of(new FieldError("limit", RULE))));
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTHENTICATION + 100;
    }
}
