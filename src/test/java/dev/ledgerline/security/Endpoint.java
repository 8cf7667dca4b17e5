package dev.ledgerline.security;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.support.ApiTestSupport.ApiCall;
import io.micronaut.core.annotation.Nullable;

/**
 * One row of the authorization matrix: an operation of openapi/billing.yaml, the credential that
 * guards it, and one call through the generated client.
 *
 * @param operationId the spec's operationId (the matrix checks that every one has a row)
 * @param guard       what the operation accepts; any other credential must get 401
 * @param accepted    the answer with the accepted credential of the attacking account: below 300
 *                    means success, else the problem status (404 for another account's ids)
 * @param foreignId   another account's id the call carries in its path, body or query, or null
 * @param call        the request; {@code id} is {@code foreignId}, or a look-alike id nobody owns
 */
record Endpoint(String operationId, Guard guard, int accepted, @Nullable String foreignId, Call call) {

    static final int OK = 200;

    enum Guard {
        /** X-SESSION-ID plus the session's bearer token. */
        SESSION,
        /** Authorization: Bearer with a key from BILLING_SERVICE_API_KEYS. */
        SERVICE_KEY,
        /** Public: credentials, right or wrong, do not change the answer. */
        NONE
    }

    @FunctionalInterface
    interface Call {
        /** @return what the client returned (null for an empty answer) */
        @Nullable
        Object call(ApiClient client, @Nullable String id) throws ApiException;
    }

    static Endpoint session(String operationId, int accepted, Call call) {
        return new Endpoint(operationId, Guard.SESSION, accepted, null, call);
    }

    static Endpoint session(String operationId, int accepted, String foreignId, Call call) {
        return new Endpoint(operationId, Guard.SESSION, accepted, foreignId, call);
    }

    static Endpoint serviceKey(String operationId, int accepted, Call call) {
        return new Endpoint(operationId, Guard.SERVICE_KEY, accepted, null, call);
    }

    static Endpoint serviceKey(String operationId, int accepted, String foreignId, Call call) {
        return new Endpoint(operationId, Guard.SERVICE_KEY, accepted, foreignId, call);
    }

    static Endpoint open(String operationId, int accepted, Call call) {
        return new Endpoint(operationId, Guard.NONE, accepted, null, call);
    }

    /** For operations that answer 204: runs the call and returns nothing. */
    @Nullable
    static Object noContent(ApiCall call) throws ApiException {
        call.call();
        return null;
    }

    /** The expected status of this endpoint for a request carrying credentials that {@code accepts}. */
    int expectedWith(@Nullable Guard accepts) {
        return guard == Guard.NONE || guard == accepts ? accepted : 401;
    }
}
