package dev.ledgerline.web;

import dev.ledgerline.errors.InvalidRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.List;

/**
 * What Micronaut's binding lets through: an empty query value ({@code ?since=}) reaches a controller
 * as if the parameter were absent. Where that would quietly change the answer (found by contract
 * fuzzing), the controller refuses it.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** A 400 when {@code name} is given with an empty value, or more than once. */
    public static void requireNonBlank(String name, String expected) {
        List<String> given = ServerRequestContext.currentRequest().map(r -> r.getParameters().getAll(name)).orElse(List.of());
        if (given.size() > 1 || given.stream().anyMatch(String::isBlank)) {
            throw new InvalidRequest(name + "_invalid", name + ": " + expected + ", given once; or leave it out.");
        }
    }
}
