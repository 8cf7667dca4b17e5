package dev.ledgerline.webhooks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.support.ApiTestSupport;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same setup and payment-method events, delivered once in order to one account and shuffled
 * with repeats to another, end in the same state. Like Stripe, the harness redelivers an event
 * the service answered with 503 ("not ready yet") until it is accepted.
 */
@MicronautTest
class WebhookOrderingIT extends ApiTestSupport {

    @Inject
    AccountRepo accounts;

    /** One delivery: an event id (repeats share it) and its signed payload's parts. */
    private record Delivery(String eventId, String type, String object, long created) {
    }

    /** The scenario's methods, by role, so two accounts' different Stripe ids can be compared. */
    private record Scenario(List<Delivery> events, Map<String, String> roleOfMethod) {
    }

    private Scenario scenario(LoginResponse login, long t0) throws Exception {
        PaymentMethodsApi api = new PaymentMethodsApi(as(login));
        List<Delivery> events = new ArrayList<>();
        Map<String, String> roles = new HashMap<>();
        String bank = setup(api.createUsBankSetupIntent(), login, t0 + 1, "bank", roles);
        String card1 = setup(api.createCardSetupIntent(), login, t0 + 2, "card1", roles);
        String card2 = setup(api.createCardSetupIntent(), login, t0 + 3, "card2", roles);
        String card3 = setup(api.createCardSetupIntent(), login, t0 + 4, "card3", roles);

        events.add(new Delivery(StripeEvents.newEventId(), "setup_intent.requires_action", StripeObjects.of(intents.get(bank))
                .set("status", "requires_action")
                .setJson("next_action", "{\"type\":\"verify_with_microdeposits\",\"verify_with_microdeposits\":{\"microdeposit_type\":\"amounts\"}}")
                .json(), t0 + 10));
        events.add(new Delivery(StripeEvents.newEventId(), "setup_intent.succeeded", StripeObjects.of(intents.get(bank))
                .set("status", "succeeded").json(), t0 + 40));
        events.add(new Delivery(StripeEvents.newEventId(), "setup_intent.succeeded", StripeObjects.of(intents.get(card1))
                .set("status", "succeeded").json(), t0 + 20));
        events.add(new Delivery(StripeEvents.newEventId(), "payment_method.automatically_updated", cardObject(login, card1, 2029), t0 + 45));
        events.add(new Delivery(StripeEvents.newEventId(), "payment_method.updated", cardObject(login, card1, 2031), t0 + 50));
        events.add(new Delivery(StripeEvents.newEventId(), "setup_intent.setup_failed", StripeObjects.of(intents.get(card2))
                .set("status", "requires_payment_method").set("payment_method", (String) null)
                .setJson("last_setup_error", "{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\"Your card was declined.\","
                        + "\"payment_method\":{\"id\":\"" + methodOf.get(card2) + "\",\"object\":\"payment_method\",\"type\":\"card\"}}")
                .json(), t0 + 25));
        events.add(new Delivery(StripeEvents.newEventId(), "setup_intent.succeeded", StripeObjects.of(intents.get(card3))
                .set("status", "succeeded").json(), t0 + 30));
        events.add(new Delivery(StripeEvents.newEventId(), "payment_method.detached", StripeObjects.of(cardObject(login, card3, 2030))
                .set("customer", (String) null).json(), t0 + 60));
        return new Scenario(events, roles);
    }

    private final Map<String, String> intents = new HashMap<>();
    private final Map<String, String> methodOf = new HashMap<>();

    /** Registers a SetupIntent (from the emulator) for the role; returns the SetupIntent id. */
    private String setup(SetupIntentResponse created, LoginResponse login, long setupCreated, String role, Map<String, String> roles)
            throws Exception {
        String pm = StripeObjects.newPaymentMethodId();
        String customer = accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId();
        intents.put(created.getSetupIntentId(), StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents()
                        .retrieve(created.getSetupIntentId()).getLastResponse().body())
                .set("created", setupCreated).set("customer", customer).set("payment_method", pm).json());
        methodOf.put(created.getSetupIntentId(), pm);
        roles.put(pm, role);
        return created.getSetupIntentId();
    }

    /** The emulator's PaymentMethod for the setup's method, attached to the account, with another expiry year. */
    private String cardObject(LoginResponse login, String setupIntentId, int expYear) throws Exception {
        JsonObject pm = JsonParser.parseString(StripeEvents.stripeMock().v1().paymentMethods()
                .retrieve(methodOf.get(setupIntentId)).getLastResponse().body()).getAsJsonObject();
        pm.addProperty("customer", accounts.find(login.getAccountId()).orElseThrow().stripeCustomerId());
        pm.getAsJsonObject("card").addProperty("exp_year", expYear);
        return pm.toString();
    }

    private void deliverAll(List<Delivery> deliveries, String customer) throws ApiException {
        List<Delivery> pending = new ArrayList<>(deliveries);
        for (int round = 0; round < 5 && !pending.isEmpty(); round++) {
            List<Delivery> notReady = new ArrayList<>();
            for (Delivery d : pending) {
                String payload = StripeEvents.event(d.eventId(), d.type(), d.object(), d.created());
                if (d.type().equals("payment_method.detached")) {
                    JsonObject event = JsonParser.parseString(payload).getAsJsonObject();
                    JsonObject previous = new JsonObject();
                    previous.addProperty("customer", customer);
                    event.getAsJsonObject("data").add("previous_attributes", previous);
                    payload = event.toString();
                }
                try {
                    new dev.ledgerline.client.api.StripeWebhooksApi(anonymous()).receiveStripeWebhook(payload,
                            StripeEvents.sign(payload, WEBHOOK_SECRET, StripeEvents.now()));
                } catch (ApiException e) {
                    assertEquals(503, e.getCode(), e.getResponseBody());
                    notReady.add(d);
                }
            }
            pending = notReady;
        }
        assertTrue(pending.isEmpty(), "every event is applied in the end");
    }

    /** The account's methods by role, with everything an order could change. */
    private List<String> state(LoginResponse login, Map<String, String> roles) throws ApiException {
        List<String> rows = new ArrayList<>();
        for (PaymentMethod m : new PaymentMethodsApi(as(login)).listPaymentMethods().getData()) {
            rows.add(String.join(" ", roles.get(m.getId()), m.getStatus().getValue(), String.valueOf(m.getPriority()),
                    String.valueOf(m.getIsDefault()), String.valueOf(m.getBrand()), String.valueOf(m.getLast4()),
                    String.valueOf(m.getExpYear())));
        }
        String defaultId = new SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId();
        rows.add("default " + roles.get(defaultId));
        return rows;
    }

    @Test
    void shuffledAndRepeatedDeliveriesEndLikeOneInOrderDelivery() throws Exception {
        long t0 = StripeEvents.now();
        LoginResponse inOrder = signupAndLogin();
        LoginResponse shuffled = signupAndLogin();
        Scenario a = scenario(inOrder, t0);
        Scenario b = scenario(shuffled, t0);

        List<Delivery> ordered = new ArrayList<>(a.events());
        ordered.sort((x, y) -> Long.compare(x.created(), y.created()));
        deliverAll(ordered, accounts.find(inOrder.getAccountId()).orElseThrow().stripeCustomerId());
        List<String> expected = state(inOrder, a.roleOfMethod());
        // Priority follows the SetupIntents' creation; the first to become active is the default;
        // the newer of two updates wins; a detached method is gone.
        assertEquals(4, expected.size(), expected.toString());
        assertTrue(expected.get(0).startsWith("bank active 1 false"), expected.toString());
        assertTrue(expected.get(1).startsWith("card1 active 2 true") && expected.get(1).endsWith(" 2031"), expected.toString());
        assertTrue(expected.get(2).startsWith("card2 failed 3 false"), expected.toString());
        assertEquals("default card1", expected.get(3));

        Random random = new Random(20261124);
        for (int run = 0; run < 3; run++) {
            LoginResponse account = run == 0 ? shuffled : signupAndLogin();
            Scenario s = run == 0 ? b : scenario(account, t0);
            List<Delivery> deliveries = new ArrayList<>();
            for (Delivery d : s.events()) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(d);
                }
            }
            Collections.shuffle(deliveries, random);
            deliverAll(deliveries, accounts.find(account.getAccountId()).orElseThrow().stripeCustomerId());
            assertEquals(expected, state(account, s.roleOfMethod()), "run " + run + " in order " + deliveries.stream()
                    .map(d -> d.type() + "@" + (d.created() - t0)).toList());
        }
    }
}
