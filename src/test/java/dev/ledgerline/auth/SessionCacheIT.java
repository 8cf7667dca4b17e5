package dev.ledgerline.auth;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.ServiceInstance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session cache across two instances on one table: a logout is refused at once by the
 * instance that served it, and by the other one as soon as its cached copy is older than the TTL.
 */
@MicronautTest
class SessionCacheIT extends ApiTestSupport {

    @Inject
    ApplicationContext context;

    @Test
    void aLogoutIsHonouredEverywhereWithinTheTtl() throws Exception {
        Duration ttl = context.getBean(SessionCacheProperties.class).ttl();
        try (ServiceInstance other = ServiceInstance.besides(context, Map.of())) {
            LoginResponse login = signupAndLogin();
            // Both instances have the session cached.
            assertEquals(login.getAccountId(), new AuthApi(as(login)).getSession().getAccountId());
            assertEquals(login.getAccountId(), new AuthApi(as(login, other.url())).getSession().getAccountId());

            new AuthApi(as(login)).logout();
            long loggedOut = System.nanoTime();
            expectProblem(401, () -> new AuthApi(as(login)).getSession());

            // The other instance may still serve its copy, but not for longer than the TTL.
            LedgerApi elsewhere = new LedgerApi(as(login, other.url()));
            while (true) {
                try {
                    elsewhere.getBalance();
                } catch (ApiException refused) {
                    assertEquals(401, refused.getCode());
                    break;
                }
                Duration served = Duration.ofNanos(System.nanoTime() - loggedOut);
                if (served.compareTo(ttl.plusMillis(500)) > 0) {
                    throw new AssertionError("the other instance still accepts the logged-out session after " + served);
                }
                Thread.sleep(100);
            }
        }
    }
}
