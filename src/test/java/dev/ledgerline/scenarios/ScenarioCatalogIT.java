package dev.ledgerline.scenarios;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.CheckoutSessionResponse;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.scenarios.flows.AchClearsAfterDays;
import dev.ledgerline.scenarios.flows.AchFailsAfterDays;
import dev.ledgerline.scenarios.flows.CardPaymentSucceeds;
import dev.ledgerline.scenarios.flows.ChargeWeNeverMade;
import dev.ledgerline.scenarios.flows.CheckoutDeclinedThenPaid;
import dev.ledgerline.scenarios.flows.DashboardRefund;
import dev.ledgerline.scenarios.flows.DisputeLost;
import dev.ledgerline.scenarios.flows.DisputeWon;
import dev.ledgerline.scenarios.flows.Inquiry;
import dev.ledgerline.scenarios.flows.OffSessionNeedsAuthentication;
import dev.ledgerline.scenarios.flows.RefundThenRefundFails;
import dev.ledgerline.scenarios.flows.ThreePartialRefunds;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario catalogue: each flow of {@code scenarios/flows} (one file per Stripe flow, its
 * events in the order Stripe documents them) played against the service on dynoxide and
 * stripe-mock, its events delivered signed: once in order, each twice, late and newest first, and
 * late, shuffled and repeated.
 * Every run must end where the flow says, and reconciliation with Stripe must find nothing.
 */
@MicronautTest
class ScenarioCatalogIT extends StripeMockProxyTestSupport {

    private static final List<Flow> FLOWS = List.of(new CardPaymentSucceeds(), new CheckoutDeclinedThenPaid(),
            new OffSessionNeedsAuthentication(), new AchClearsAfterDays(), new AchFailsAfterDays(), new ThreePartialRefunds(),
            new RefundThenRefundFails(), new DashboardRefund(), new DisputeWon(), new DisputeLost(), new Inquiry(), new ChargeWeNeverMade());

    @Inject
    Janitor janitor;

    static Stream<Arguments> runs() {
        return FLOWS.stream().flatMap(flow -> Stream.of(Delivery.values()).map(delivery -> Arguments.of(flow, delivery)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("runs")
    void endsWhereStripeSaysAndReconciles(Flow flow, Delivery delivery) throws Exception {
        clock.reset();
        Run run = new Run(signupAndLogin(), delivery, new Random(flow.getClass().getSimpleName().hashCode() * 31L + delivery.ordinal()));
        Flow.Ending ending = flow.play(run);
        run.settle();
        try {
            assertEnding(run.login, ending);
            assertReconciled(run.login);
        } finally {
            proxy.clearRewrites();
            clock.reset();
        }
    }

    private void assertEnding(LoginResponse login, Flow.Ending ending) throws ApiException {
        Balance balance = balance(login);
        assertEquals(ending.balance(), balance.getBalance(), "balance");
        assertEquals(ending.due(), balance.getDue(), "due");
        assertEquals(ending.pendingCharges(), balance.getPendingCharges(), "pending charges (disputed amounts held)");
        assertEquals(ending.pendingPayments(), balance.getPendingPayments(), "pending payments");
        List<Payment> payments = new PaymentsApi(as(login)).listPayments(10, null).getData();
        if (ending.payment() == null) {
            assertEquals(List.of(), payments, "no payment");
        } else {
            assertEquals(ending.payment(), payments.get(0).getStatus(), "the payment's status");
        }
        List<LedgerEntry> entries = allEntries(login);
        for (LedgerEntryType type : LedgerEntryType.values()) {
            long sum = entries.stream().filter(e -> e.getType() == type).mapToLong(LedgerEntry::getAmount).sum();
            assertEquals(ending.sums().getOrDefault(type, 0L), sum, () -> "sum of " + type + " entries in " + entries);
        }
    }

    private record Sent(String eventId, String type, String object, long created) {
    }

    /** One run of a flow: the customer, and Stripe's events on their way to the service. */
    private final class Run implements Scenario {

        private LoginResponse login;
        private final Delivery delivery;
        private final Random random;
        private final List<Sent> held = new ArrayList<>();
        private long created = StripeEvents.now() - 1000;

        Run(LoginResponse login, Delivery delivery, Random random) {
            this.login = login;
            this.delivery = delivery;
            this.random = random;
        }

        @Override
        public String card() throws Exception {
            return addCard(login);
        }

        @Override
        public String bankAccount() throws Exception {
            return addBankAccount(login);
        }

        @Override
        public void owe(long amount) throws Exception {
            addCharge(login, amount);
        }

        @Override
        public Payment payBalance(String status) throws Exception {
            proxy.rewrite("/v1/payment_intents", json -> StripeObjects.of(json).set("status", status)
                    .set("amount_received", "succeeded".equals(status) ? amountOf(json) : 0).json());
            try {
                return new PaymentsApi(as(login)).payBalance(null, null);
            } finally {
                proxy.stopRewriting("/v1/payment_intents");
            }
        }

        @Override
        public Payment payBalanceDeclined(String code, String message) throws Exception {
            proxy.declineNext("/v1/payment_intents", code, message);
            return new PaymentsApi(as(login)).payBalance(null, null);
        }

        @Override
        public Checkout checkout() throws Exception {
            CheckoutSessionResponse created = new PaymentsApi(as(login)).createCheckoutSession(null);
            return new Checkout(created.getId(), new PaymentsApi(as(login)).listPayments(1, null).getData().get(0));
        }

        @Override
        public String intent(Payment payment, String status, String declineMessage) throws Exception {
            return declined(StripeObjects.of(ScenarioCatalogIT.this.intent(login, payment, status)), declineMessage);
        }

        @Override
        public String checkoutIntent(Checkout checkout, String status, String declineMessage) throws Exception {
            Payment payment = checkout.payment();
            StripeObjects intent = StripeObjects.of(stripeMock().paymentIntents().retrieve("pi_x").getLastResponse().body())
                    .set("id", intentIdOf(checkout)).set("amount", payment.getAmount()).set("currency", "usd")
                    .set("customer", customerOf(login)).set("status", status)
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
                    .set("customer", customerOf(login)).set("payment_intent", paymentIntentId).set("status", status)
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
            switch (delivery) {
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
            if (held.isEmpty()) {
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
            settle();
            clock.advance(duration);
            janitor.runOnce();
            login = relogin(login); // days later: the customer signs in again
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
                    deliver(sent.eventId(), sent.type(), sent.object(), sent.created());
                } else {
                    deliverSnapshot(sent.eventId(), sent.type(), sent.object(), sent.created());
                }
                return true;
            } catch (ApiException e) {
                assertEquals(503, e.getCode(), e::getResponseBody);
                return false;
            }
        }
    }

    private static long amountOf(String json) {
        return JsonParser.parseString(json).getAsJsonObject().get("amount").getAsLong();
    }

    private static com.stripe.service.V1Services stripeMock() {
        return StripeEvents.stripeMock().v1();
    }
}
