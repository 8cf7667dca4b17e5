package dev.ledgerline.paymentmethods;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Problem;
import dev.ledgerline.support.ParallelCalls;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At most 3 SetupIntents per account per hour here (cards and bank accounts together); beyond that nothing reaches Stripe. */
@MicronautTest
@Property(name = "billing.setup-intents.limit", value = "3")
class SetupIntentLimitIT extends StripeMockProxyTestSupport {

    @Test
    void anAccountGetsItsSetupsPerHour() throws ApiException {
        LoginResponse login = signupAndLogin();
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        api.createCardSetupIntent();
        api.createUsBankSetupIntent();
        api.createCardSetupIntent();
        int atStripe = proxy.count("/v1/setup_intents");
        try {
            api.createCardSetupIntent();
            throw new AssertionError("expected 429");
        } catch (ApiException e) {
            assertEquals(429, e.getCode());
            long retryAfter = Long.parseLong(e.getResponseHeaders().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 3600, "retry-after " + retryAfter);
        }
        Problem problem = expectProblem(429, api::createUsBankSetupIntent);
        assertEquals("setup_intent_limit", problem.getCode());
        assertEquals(atStripe, proxy.count("/v1/setup_intents"), "nothing sent to Stripe over the limit");

        // Another account has its own; the next window brings the account's back.
        new PaymentMethodsApi(as(signupAndLogin())).createCardSetupIntent();
        clock.advance(Duration.ofMinutes(61));
        api.createCardSetupIntent();
    }

    @Test
    void parallelRequestsCannotExceedIt() throws Exception {
        LoginResponse login = signupAndLogin();
        List<Integer> statuses = ParallelCalls.statuses(10, () -> new PaymentMethodsApi(as(login)).createCardSetupIntent());
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 429).count(), "statuses " + statuses);
    }
}
