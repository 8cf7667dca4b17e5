package dev.ledgerline.paymentmethods;

import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.model.DefaultPaymentMethodRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.PaymentMethodStatus;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateful card flow against localstripe: the service creates the customer and SetupIntent
 * there, the card is confirmed there (as Stripe.js would), and the signed setup_intent.succeeded
 * the harness delivers carries localstripe's own SetupIntent. Here we can also read back what the
 * service set on the Stripe customer.
 */
@MicronautTest
class CardFlowLocalstripeIT extends LocalstripeTestSupport {

    private String stripeDefault(LoginResponse login) throws Exception {
        return localstripe.v1().customers().retrieve(customerOf(login)).getInvoiceSettings().getDefaultPaymentMethod();
    }

    @Test
    void cardsAreSavedAndTheDefaultReachesStripe() throws Exception {
        LoginResponse login = signupAndLogin();
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));

        String visa = addCard(login, VISA);
        PaymentMethod stored = api.listPaymentMethods().getData().get(0);
        assertEquals(visa, stored.getId());
        assertEquals(PaymentMethodStatus.ACTIVE, stored.getStatus());
        assertEquals("visa", stored.getBrand());
        assertEquals("4242", stored.getLast4());
        assertEquals(12, stored.getExpMonth());
        assertEquals(2031, stored.getExpYear());
        assertTrue(stored.getIsDefault());
        assertEquals(visa, stripeDefault(login), "the first card is the customer's default in Stripe too");

        Thread.sleep(1100); // a later second, so the second card is unambiguously activated later
        String mastercard = addCard(login, "5555555555554444");
        assertEquals(List.of(visa, mastercard), api.listPaymentMethods().getData().stream().map(PaymentMethod::getId).toList());
        assertEquals("4444", api.listPaymentMethods().getData().get(1).getLast4());
        assertEquals(visa, stripeDefault(login), "a second card does not take the default");

        api.setDefaultPaymentMethod(new DefaultPaymentMethodRequest().paymentMethodId(mastercard));
        assertEquals(mastercard, stripeDefault(login));

        api.deletePaymentMethod(mastercard);
        assertEquals(visa, stripeDefault(login), "removing the default promotes the next one, in Stripe too");
        assertTrue(api.listPaymentMethods().getData().get(0).getIsDefault());

        api.deletePaymentMethod(visa);
        assertNull(stripeDefault(login));
        assertTrue(api.listPaymentMethods().getData().isEmpty());
    }
}
