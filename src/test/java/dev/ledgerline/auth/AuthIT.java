package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.ApiResponse;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.client.model.SessionInfo;
import dev.ledgerline.client.model.SignupRequest;
import dev.ledgerline.client.model.SignupResponse;
import dev.ledgerline.support.ApiTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class AuthIT extends ApiTestSupport {

    @Test
    void signupLoginSessionLogout() throws ApiException {
        String email = uniqueEmail();
        AuthApi anonymous = new AuthApi(anonymous());

        SignupResponse created = anonymous.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));
        assertTrue(created.getAccountId().startsWith("acct_"));
        assertTrue(created.getUserId().startsWith("user_"));

        // Emails are matched case-insensitively.
        LoginResponse login = anonymous.login(new LoginRequest().email(email.toUpperCase()).password(PASSWORD));
        assertEquals(created.getAccountId(), login.getAccountId());
        assertFalse(login.getToken().isBlank());
        assertTrue(login.getExpiresAt().isAfter(OffsetDateTime.now().plusHours(11)));

        AuthApi session = new AuthApi(as(login));
        SessionInfo info = session.getSession();
        assertEquals(created.getAccountId(), info.getAccountId());
        assertEquals(created.getUserId(), info.getUserId());
        assertEquals(email, info.getEmail());
        assertEquals(List.of("owner"), info.getRoles());

        session.logout();
        expectProblem(401, session::getSession);
        expectProblem(401, session::logout);
    }

    @Test
    void eachLoginIsItsOwnSession() throws ApiException {
        String email = uniqueEmail();
        AuthApi anonymous = new AuthApi(anonymous());
        anonymous.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));
        LoginResponse first = anonymous.login(new LoginRequest().email(email).password(PASSWORD));
        LoginResponse second = anonymous.login(new LoginRequest().email(email).password(PASSWORD));
        assertNotEquals(first.getSessionId(), second.getSessionId());

        new AuthApi(as(first)).logout();
        expectProblem(401, () -> new AuthApi(as(first)).getSession());
        assertEquals(email, new AuthApi(as(second)).getSession().getEmail());
    }

    @Test
    void aTakenEmailSignsUpLikeANewOneAndGetsNothing() throws ApiException {
        String email = uniqueEmail();
        AuthApi anonymous = new AuthApi(anonymous());
        SignupResponse owner = anonymous.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));

        ApiResponse<SignupResponse> taken = anonymous.signupWithHttpInfo(
                new SignupRequest().email(email.toUpperCase()).password("another-password-12").accountName("Other"));
        ApiResponse<SignupResponse> fresh = anonymous.signupWithHttpInfo(
                new SignupRequest().email(uniqueEmail()).password("another-password-12").accountName("Other"));
        // The same status, body shape and headers as a new email's answer.
        assertEquals(fresh.getStatusCode(), taken.getStatusCode());
        assertEquals(201, taken.getStatusCode());
        assertTrue(taken.getData().getAccountId().startsWith("acct_") && taken.getData().getUserId().startsWith("user_"));
        assertEquals(fresh.getData().getAccountId().length(), taken.getData().getAccountId().length());
        assertEquals(fresh.getHeaders().keySet(), taken.getHeaders().keySet());
        assertNotEquals(owner.getAccountId(), taken.getData().getAccountId());

        // Nothing changed: the caller's password opens nothing, the owner's still opens the owner's account.
        expectProblem(401, () -> anonymous.login(new LoginRequest().email(email).password("another-password-12")));
        LoginResponse login = anonymous.login(new LoginRequest().email(email).password(PASSWORD));
        assertEquals(owner.getAccountId(), login.getAccountId());
        assertEquals(email, new AuthApi(as(login)).getSession().getEmail());
    }

    @Test
    void invalidSignupIsABadRequest() {
        AuthApi anonymous = new AuthApi(anonymous());
        Problem shortPassword = expectProblem(400, () -> anonymous.signup(
                new SignupRequest().email(uniqueEmail()).password("short").accountName("Acme")));
        assertEquals("invalid_request", shortPassword.getCode());
        assertFalse(shortPassword.getErrors().isEmpty());

        expectProblem(400, () -> anonymous.signup(
                new SignupRequest().email("not-an-email").password(PASSWORD).accountName("Acme")));
        expectProblem(400, () -> anonymous.signup(
                new SignupRequest().email(uniqueEmail()).password(PASSWORD).accountName("")));
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() throws ApiException {
        String email = uniqueEmail();
        AuthApi anonymous = new AuthApi(anonymous());
        anonymous.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));

        Problem wrongPassword = expectProblem(401, () -> anonymous.login(new LoginRequest().email(email).password("wrong-password")));
        Problem unknown = expectProblem(401, () -> anonymous.login(new LoginRequest().email(uniqueEmail()).password(PASSWORD)));
        assertEquals(wrongPassword.getDetail(), unknown.getDetail());
        assertEquals("unauthorized", unknown.getCode());
    }

    @Test
    void repeatedFailuresLockTheEmailOut() throws ApiException {
        String email = uniqueEmail();
        AuthApi anonymous = new AuthApi(anonymous());
        anonymous.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));
        for (int i = 0; i < 5; i++) {
            expectProblem(401, () -> anonymous.login(new LoginRequest().email(email).password("wrong-password")));
        }
        // Locked: even the right password is refused, with a Retry-After.
        try {
            anonymous.login(new LoginRequest().email(email).password(PASSWORD));
            throw new AssertionError("expected 429");
        } catch (ApiException e) {
            assertEquals(429, e.getCode());
            long retryAfter = Long.parseLong(e.getResponseHeaders().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 900, "retry-after " + retryAfter);
        }
        Problem problem = expectProblem(429, () -> anonymous.login(new LoginRequest().email(email).password(PASSWORD)));
        assertEquals("too_many_attempts", problem.getCode());

        // Another email is not affected.
        assertFalse(signupAndLogin().getToken().isBlank());

        // Once the window has passed, the right password works again.
        clock.advance(java.time.Duration.ofMinutes(16));
        assertEquals(email, new AuthApi(as(anonymous.login(new LoginRequest().email(email).password(PASSWORD)))).getSession().getEmail());
    }

    @Test
    void forwardedHeadersOfAnUntrustedPeerAreIgnored() throws ApiException {
        String email = uniqueEmail();
        new AuthApi(anonymous()).signup(new SignupRequest().email(email).password(PASSWORD).accountName("Acme"));
        // No trusted proxies here: every guess comes from the socket's address, whatever the headers claim.
        for (int i = 0; i < 5; i++) {
            String claimed = "203.0.113." + i;
            AuthApi spoofing = new AuthApi(withHeaders(java.util.Map.of("X-Forwarded-For", claimed, "Forwarded", "for=" + claimed)));
            expectProblem(401, () -> spoofing.login(new LoginRequest().email(email).password("wrong-password")));
        }
        AuthApi fresh = new AuthApi(withHeaders(java.util.Map.of("X-Forwarded-For", "198.51.100.99")));
        expectProblem(429, () -> fresh.login(new LoginRequest().email(email).password(PASSWORD)));
    }
}
