package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.support.ApiTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One hashing slot and no queue: while the slot is taken (here by the test, as a login in progress
 * would hold it), logins and sign-ups are answered 429 with Retry-After at once, and nothing is
 * hashed or counted against the email.
 */
@MicronautTest
@Property(name = "billing.login.max-concurrent-hashes", value = "1")
@Property(name = "billing.login.hash-queue", value = "0")
class HashingBoundIT extends ApiTestSupport {

    @Inject
    HashingGate gate;

    @Inject
    MeterRegistry registry;

    private double hashes() {
        return registry.counter("ledgerline.auth.password.hashes").count();
    }

    @Test
    void overTheBoundIsA429WithRetryAfterAndNoHash() throws ApiException {
        String email = uniqueEmail();
        AuthApi auth = new AuthApi(anonymous());
        auth.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));

        double before = hashes();
        try (HashingGate.Slot held = gate.enter()) {
            for (int i = 0; i < 7; i++) {
                assertBusy(() -> auth.login(new LoginRequest().email(email).password("wrong-password-guess")));
            }
            assertBusy(() -> auth.signup(new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("Acme")));
        }
        assertEquals(0, hashes() - before, 0.0, "nothing hashed while the slot was held");

        // The refused attempts were not counted against the email: 5 guesses are still allowed.
        for (int i = 0; i < 5; i++) {
            expectProblem(401, () -> auth.login(new LoginRequest().email(email).password("wrong-password-guess")));
        }
        assertEquals(5, hashes() - before, 0.0);
        expectProblem(429, () -> auth.login(new LoginRequest().email(email).password(PASSWORD)));
    }

    private void assertBusy(ApiCall call) {
        try {
            call.call();
            fail("expected 429");
        } catch (ApiException e) {
            assertEquals(429, e.getCode());
            assertEquals("1", e.getResponseHeaders().firstValue("retry-after").orElse(null));
        }
        Problem problem = expectProblem(429, call);
        assertEquals("busy", problem.getCode());
    }
}
