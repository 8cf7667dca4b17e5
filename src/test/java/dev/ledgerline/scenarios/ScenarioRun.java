package dev.ledgerline.scenarios;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.CheckoutSessionResponse;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeFaultProxy;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of a flow for one customer: the {@link Scenario} the flow plays against, with the
 * service of {@code test} behind it, and Stripe's events on their way there as {@code delivery} says.
 */

public final class ScenarioRun implements Scenario {

    /** An event Stripe sent, with its object as it was then. */
    public record Sent(String eventId, String type, String object, long created) {
    }


    private final StripeMockProxyTestSupport test;
    private final StripeFaultProxy proxy;
    @Nullable
    private final Janitor janitor;
    private LoginResponse login;
    private final Delivery delivery;
    private final Random random;
    private final List<Sent> held = new ArrayList<>();
    private final List<Sent> recorded = new ArrayList<>();
    private long created = StripeEvents.now() - 1000;

    /** @param janitor run by {@link #later}; null where no flow waits */
    public ScenarioRun(StripeMockProxyTestSupport test, @Nullable Janitor janitor, LoginResponse login, Delivery delivery, Random random) {
        this.test = test;
        this.proxy = test.proxy();
        this.janitor = janitor;
        this.login = login;
        this.delivery = delivery;
        this.random = random;
    }

    public LoginResponse login() {
        return login;
    }

    /** The events emitted so far, in order (with {@link Delivery#RECORDED}: for the caller to deliver). */
    public List<Sent> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public String card() throws Exception {
        return test.addCard(login);
    }

    @Override
    public String bankAccount() throws Exception {
        return test.addBankAccount(login);
    }

    @Override
    public void owe(long amount) throws Exception {
        test.addCharge(login, amount);
    }

    @Override
    public Payment payBalance(String status) throws Exception {
        proxy.rewrite("/v1/payment_intents", json -> StripeObjects.of(json).set("status", status)
                .set("amount_received", "succeeded".equals(status) ? amountOf(json) : 0).json());
        try {
            return new PaymentsApi(test.as(login)).payBalance(null, null);
        } finally {
            proxy.stopRewriting("/v1/payment_intents");
        }
    }

    @Override
    public Payment payBalanceDeclined(String code, String message) throws Exception {
        proxy.declineNext("/v1/payment_intents", code, message);
        return new PaymentsApi(test.as(login)).payBalance(null, null);
    }

    @Override
    public Checkout checkout() throws Exception {
        CheckoutSessionResponse created = new PaymentsApi(test.as(login)).createCheckoutSession(null);
        return new Checkout(created.getId(), new PaymentsApi(test.as(login)).listPayments(1, null).getData().get(0));
    }

    @Override
    public String intent(Payment payment, String status, String declineMessage) throws Exception {
        return declined(StripeObjects.of(test.intent(login, payment, status)), declineMessage);
    }

    @Override
    public String checkoutIntent(Checkout checkout, String status, String declineMessage) throws Exception {
        Payment payment = checkout.payment();
        StripeObjects intent = StripeObjects.of(stripeMock().paymentIntents().retrieve("pi_x").getLastResponse().body())
                .set("id", intentIdOf(checkout)).set("amount", payment.getAmount()).set("currency", "usd")
                .set("customer", test.customerOf(login)).set("status", status)
                .set("amount_received", "succeeded".equals(status) ? payment.getAmount() : 0)
                .setJson("metadata", "{\"ledgerline_account_id\":\"" + login.getAccountId() + "\",\"ledgerline_payment_id\":\""
                        + payment.getId() + "\"}");
        return declined(intent, declineMessage);
    }

    private String declined(StripeObjects intent, String declineMessage) {
        if (declineMessage != null) {
            intent.setJson("last_payment_error", "{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\""
                    + declineMessage + "\"}");
        }
        return intent.json();
    }

    @Override
    public String intentIdOf(Checkout checkout) {
        return "pi_co" + checkout.payment().getId().substring(4, 20);
    }

    @Override
    public String session(Checkout checkout, String status, String paymentStatus) throws Exception {
        return StripeObjects.of(stripeMock().checkout().sessions().retrieve(checkout.sessionId()).getLastResponse().body())
                .set("id", checkout.sessionId()).set("client_reference_id", login.getAccountId()).set("status", status)
                .set("payment_status", paymentStatus).set("amount_total", checkout.payment().getAmount()).set("currency", "usd")
                .set("payment_intent", intentIdOf(checkout))
                .setJson("metadata", "{\"ledgerline_payment_id\":\"" + checkout.payment().getId() + "\"}")
                .json();
    }

    @Override
    public String charge(String paymentIntentId, String chargeId, long amount, String status, String... refunds) throws Exception {
        JsonArray data = new JsonArray();
        long refunded = 0;
        for (String refund : refunds) {
            data.add(JsonParser.parseString(refund));
            String refundStatus = JsonParser.parseString(refund).getAsJsonObject().get("status").getAsString();
            if (refundStatus.equals("succeeded") || refundStatus.equals("pending")) {
                refunded += JsonParser.parseString(refund).getAsJsonObject().get("amount").getAsLong();
            }
        }
        return StripeObjects.of(stripeMock().charges().retrieve(chargeId).getLastResponse().body())
                .set("id", chargeId).set("amount", amount).set("amount_refunded", refunded).set("currency", "usd")
                .set("customer", test.customerOf(login)).set("payment_intent", paymentIntentId).set("status", status)
                .setJson("refunds", "{\"object\":\"list\",\"has_more\":false,\"total_count\":" + refunds.length
                        + ",\"url\":\"/v1/charges/" + chargeId + "/refunds\",\"data\":" + data + "}")
                .json();
    }

    @Override
    public String refund(String paymentIntentId, String refundId, String chargeId, long amount, String status) throws Exception {
        return StripeObjects.of(stripeMock().refunds().retrieve(refundId).getLastResponse().body())
                .set("id", refundId).set("amount", amount).set("currency", "usd").set("status", status).set("charge", chargeId)
                .set("payment_intent", paymentIntentId).set("created", created).json();
    }

    @Override
    public String dispute(String paymentIntentId, String disputeId, String chargeId, long amount, String status) throws Exception {
        return StripeObjects.of(stripeMock().disputes().retrieve(disputeId).getLastResponse().body())
                .set("id", disputeId).set("payment_intent", paymentIntentId).set("charge", chargeId).set("amount", amount)
                .set("currency", "usd").set("status", status).json();
    }

    @Override
    public String foreignIntentId() {
        return "pi_invoice" + login.getAccountId().substring(5, 17);
    }

    @Override
    public String id(String prefix) {
        return prefix + "_sc" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    public void emit(String type, String objectJson) throws Exception {
        Sent sent = new Sent(StripeEvents.newEventId(), type, objectJson, ++created);
        recorded.add(sent);
        switch (delivery) {
            case RECORDED -> {
            }
            case IN_ORDER -> send(sent, true);
            case TWICE -> {
                send(sent, true);
                send(sent, true);
            }
            default -> held.add(sent);
        }
    }

    @Override
    public void settle() throws Exception {
        if (held.isEmpty() || delivery == Delivery.RECORDED) {
            return;
        }
        held.forEach(sent -> proxy.state().put(sent.object())); // Stripe is already past the last of them
        List<Sent> queue = new ArrayList<>();
        if (delivery == Delivery.LATE_AND_REVERSED) {
            queue.addAll(held);
            Collections.reverse(queue);
        } else {
            for (Sent sent : held) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    queue.add(sent);
                }
            }
            Collections.shuffle(queue, random);
        }
        held.clear();
        for (int round = 0; round < 10 && !queue.isEmpty(); round++) {
            List<Sent> again = new ArrayList<>();
            for (Sent sent : queue) {
                if (!deliverOnce(sent, false)) {
                    again.add(sent);
                }
            }
            queue = again;
        }
        assertTrue(queue.isEmpty(), "every event was taken in the end");
    }

    @Override
    public void later(Duration duration) throws Exception {
        if (janitor == null) {
            throw new IllegalStateException("this run has no janitor to wait with");
        }
        settle();
        test.clock().advance(duration);
        janitor.runOnce();
        login = test.relogin(login); // days later: the customer signs in again
    }

    /** Delivers until taken: a 503 (not ready yet) is delivered again, as Stripe retries. */
    private void send(Sent sent, boolean stripeNow) throws Exception {
        for (int attempt = 1; !deliverOnce(sent, stripeNow); attempt++) {
            assertTrue(attempt < 5, "taken within a few retries");
            Thread.sleep(100L * attempt);
        }
    }

    private boolean deliverOnce(Sent sent, boolean stripeNow) throws ApiException {
        try {
            if (stripeNow) {
                test.deliver(sent.eventId(), sent.type(), sent.object(), sent.created());
            } else {
                test.deliverSnapshot(sent.eventId(), sent.type(), sent.object(), sent.created());
            }
            return true;
        } catch (ApiException e) {
            assertEquals(503, e.getCode(), e::getResponseBody);
            return false;
        }
    }

    private static long amountOf(String json) {
        return JsonParser.parseString(json).getAsJsonObject().get("amount").getAsLong();
    }

    private static com.stripe.service.V1Services stripeMock() {
        return StripeEvents.stripeMock().v1();
    }
}
