package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.ParallelCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guess limits behind a trusted proxy (the test's loopback): taken before hashing, so
 * parallel guesses cannot overshoot; per email and client address, so a stranger cannot lock the
 * owner out; the client is the first untrusted hop from the right of X-Forwarded-For / Forwarded.
 */
@MicronautTest
@Property(name = "billing.http.trusted-proxies", value = "127.0.0.1/32, 10.0.0.0/8")
@Property(name = "billing.login.max-concurrent-hashes", value = "32")
@Property(name = "billing.login.email-max-failures", value = "12")
class LoginLimitsIT extends ApiTestSupport {

    @Inject
    MeterRegistry registry;

    private AuthApi from(String forwardedFor) {
        return new AuthApi(withHeaders(Map.of("X-Forwarded-For", forwardedFor)));
    }

    private String signup() throws ApiException {
        String email = uniqueEmail();
        new AuthApi(anonymous()).signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));
        return email;
    }

    private double hashes() {
        return registry.counter("ledgerline.auth.password.hashes").count();
    }

    private static LoginRequest wrong(String email) {
        return new LoginRequest().email(email).password("wrong-password-guess");
    }

    @Test
    void parallelGuessesNeverGetPastTheLimit() throws Exception {
        String email = signup();
        double before = hashes();
        List<Integer> statuses = ParallelCalls.statuses(20, () -> from("203.0.113.10").login(wrong(email)));
        assertEquals(5, statuses.stream().filter(s -> s == 401).count(), "statuses " + statuses);
        assertEquals(15, statuses.stream().filter(s -> s == 429).count(), "statuses " + statuses);
        assertEquals(5, hashes() - before, 0.0, "hashes computed for 20 parallel guesses");
        // Locked for that address, even with the right password; another address is not.
        expectProblem(429, () -> from("203.0.113.10").login(new LoginRequest().email(email).password(PASSWORD)));
        from("198.51.100.1").login(new LoginRequest().email(email).password(PASSWORD));
    }

    @Test
    void strangersCannotLockTheOwnerOut() throws ApiException {
        String email = signup();
        LoginResponse owner = from("198.51.100.7").login(new LoginRequest().email(email).password(PASSWORD));
        // Strangers from three addresses, 6 guesses each: an address is locked after 5, and the
        // email after 12 from addresses it was not logged in from (the owner's first login was one).
        int refused = 0;
        for (int address = 1; address <= 3; address++) {
            for (int i = 0; i < 6; i++) {
                try {
                    from("192.0.2." + address).login(wrong(email));
                } catch (ApiException e) {
                    refused += e.getCode() == 429 ? 1 : 0;
                }
            }
        }
        assertEquals(1 + 1 + 5, refused, "the 6th of the first two addresses; the third's 2nd to 6th (the email's 12 reached)");
        Problem fresh = expectProblem(429, () -> from("192.0.2.99").login(wrong(email)));
        assertEquals("too_many_attempts", fresh.getCode());
        // The owner's address has logged in recently: not counted, never locked out by strangers.
        assertEquals(owner.getAccountId(), from("198.51.100.7").login(new LoginRequest().email(email).password(PASSWORD)).getAccountId());
        // The price, documented: a new address of the owner's waits until the window ends.
        expectProblem(429, () -> from("198.51.100.8").login(new LoginRequest().email(email).password(PASSWORD)));
        clock.advance(java.time.Duration.ofMinutes(16));
        from("198.51.100.8").login(new LoginRequest().email(email).password(PASSWORD));
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() throws ApiException {
        String email = signup();
        // What the client wrote (leftmost) changes every time; what our proxies saw does not.
        for (int i = 0; i < 5; i++) {
            int guess = i;
            expectProblem(401, () -> from("6.6.6." + guess + ", 203.0.113.20, 10.0.0.2").login(wrong(email)));
        }
        expectProblem(429, () -> from("6.6.6.99, 203.0.113.20, 10.0.0.2").login(wrong(email)));
        expectProblem(429, () -> from("203.0.113.20").login(wrong(email)));
        // The same rules for Forwarded; IPv6 counted by its /64.
        String other = signup();
        for (int i = 0; i < 5; i++) {
            String forwarded = "for=\"[2001:db8:5:6::" + (i + 1) + "]:4711\";proto=https, for=10.0.0.3";
            expectProblem(401, () -> new AuthApi(withHeaders(Map.of("Forwarded", forwarded))).login(wrong(other)));
        }
        expectProblem(429, () -> new AuthApi(withHeaders(Map.of("Forwarded", "for=\"[2001:db8:5:6:ffff::1]\"")))
                .login(wrong(other)));
        new AuthApi(withHeaders(Map.of("Forwarded", "for=\"[2001:db8:5:7::1]\""))).login(new LoginRequest().email(other).password(PASSWORD));
    }
}
