package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-address bucket (burst 3, 6 a minute) counts logins and sign-ups of any email; the
 * address comes from X-Forwarded-For only because the loopback is a trusted proxy here, and a
 * forged leftmost entry changes nothing.
 */
@MicronautTest
@Property(name = "billing.http.trusted-proxies", value = "127.0.0.1")
@Property(name = "billing.login.address-burst", value = "3")
@Property(name = "billing.login.address-per-minute", value = "6")
class AddressThrottleIT extends ApiTestSupport {

    private AuthApi from(String forwardedFor) {
        return new AuthApi(withHeaders(Map.of("X-Forwarded-For", forwardedFor)));
    }

    @Test
    void anAddressGetsItsBurstThenWaits() throws ApiException {
        AuthApi a = from("203.0.113.30");
        a.signup(new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("Acme"));
        expectProblem(401, () -> a.login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
        expectProblem(401, () -> from("1.2.3.4, 203.0.113.30").login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
        try {
            a.login(new LoginRequest().email(uniqueEmail()).password(PASSWORD));
            throw new AssertionError("expected 429");
        } catch (ApiException e) {
            assertEquals(429, e.getCode());
            long retryAfter = Long.parseLong(e.getResponseHeaders().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 10, "retry-after " + retryAfter);
        }
        Problem problem = expectProblem(429, () -> a.signup(new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("Acme")));
        assertEquals("rate_limited", problem.getCode());

        // Another address has its own bucket; this one refills at 6 a minute.
        expectProblem(401, () -> from("203.0.113.31").login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
        clock.advance(Duration.ofSeconds(10));
        expectProblem(401, () -> a.login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
        expectProblem(429, () -> a.login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
    }
}
