package dev.ledgerline.paymentmethods;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two choices of the default at the same settings version: each push to Stripe has a key of its
 * own (Stripe refuses a key reused with other parameters), the one whose settings write loses is
 * told so (409), and Stripe ends with the default we record.
 */
@MicronautTest
class DefaultMethodPushIT extends StripeMockProxyTestSupport {

    private static final Pattern DEFAULT_PARAM = Pattern.compile("invoice_settings(?:%5B|\\[)default_payment_method(?:%5D|\\])=([^&\\s]*)");

    private String choose(LoginResponse login, String pm) {
        try {
            return "200 " + new PaymentMethodsApi(as(login)).setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(pm))
                    .getDefaultPaymentMethodId();
        } catch (ApiException e) {
            return e.getCode() + " " + e.getResponseBody();
        }
    }

    /** The default the last customer update asked Stripe for. */
    private String stripesDefault(LoginResponse login) {
        List<String> updates = proxy.requests().stream().filter(r -> r.startsWith("POST /v1/customers/" + customerOf(login) + " ")).toList();
        Matcher m = DEFAULT_PARAM.matcher(updates.get(updates.size() - 1));
        assertTrue(m.find(), updates.get(updates.size() - 1));
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void twoChoicesAtOneVersionEachReachStripeAndStripeEndsWithOurs() throws Exception {
        LoginResponse login = signupAndLogin();
        addCard(login);
        String second = addCard(login);
        String third = addCard(login);
        proxy.holdAnswers("/v1/customers/" + customerOf(login), Duration.ofMillis(1500));

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> choose(login, second));
        Thread.sleep(300);
        String other = choose(login, third);
        String one = first.get();
        proxy.holdAnswers("/v1/customers/" + customerOf(login), Duration.ZERO);

        // Was: the second push reused the first's key with another method: Stripe's idempotency_error (a 500, later a 422).
        for (String answer : List.of(one, other)) {
            assertTrue(answer.startsWith("200 ") || answer.startsWith("409 ") && answer.contains("settings_changed"), answer);
        }
        assertTrue(one.startsWith("200 ") || other.startsWith("200 "), one + " / " + other);
        String ours = new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId();
        assertEquals(ours, stripesDefault(login), "Stripe's default is the one we record");
    }
}
