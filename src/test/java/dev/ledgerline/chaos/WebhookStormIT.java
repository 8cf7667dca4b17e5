package dev.ledgerline.chaos;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentMethod;
import dev.ledgerline.client.model.SetupIntentResponse;
import dev.ledgerline.client.model.WebhookAck;
import dev.ledgerline.client.api.WebhookEndpointsApi;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.WebhookEndpointRequest;
import dev.ledgerline.client.model.WebhookEndpointWithSecret;
import dev.ledgerline.support.EventOracle;
import dev.ledgerline.support.HostReceiver;
import dev.ledgerline.support.ServiceInstance;
import dev.ledgerline.support.TestClock;
import dev.ledgerline.scenarios.Catalogue;
import dev.ledgerline.scenarios.Flow;
import dev.ledgerline.scenarios.ScenarioRun;
import dev.ledgerline.support.StripeEvents;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook storm: every account's story (ACH debits that clear or fail, cumulative refunds,
 * disputes won and lost, a card set up, updated and sometimes detached) is delivered once in order
 * to one account, and to its twin as a storm: each event 1-5 times, shuffled, from 8 concurrent
 * senders, split across two instances sharing the table, redelivering 503s as Stripe does. Each
 * twin must end exactly like its in-order account (so every effect happened once), every
 * account's balance must equal the sum of its ledger, and reconciliation with Stripe must find
 * nothing. Pairs of their own play the scenario catalogue's flows that happen at once.
 */
@MicronautTest
class WebhookStormIT extends StripeMockProxyTestSupport {

    private static final int SENDERS = 8;
    private static final int PAYMENTS_PER_ACCOUNT = 4;

    @Inject
    ApplicationContext context;

    private ServiceInstance second;

    /** One event; {@code previousCustomer} is set for a detach, which Stripe reports with the customer the method had. */
    private record Delivery(String eventId, String type, String object, long created, String previousCustomer) {
    }

    private HostReceiver receiver;
    /** The host's endpoint; the receiver fails a fifth of the pushes there (500s, late answers, resets). */
    private static final String HOST_PATH = "/faulty/storm";

    /** Both instances push the events the storm causes to the host, on their schedules. */
    private static Map<String, String> delivery() {
        return Map.of("billing.delivery.enabled", "true", "billing.delivery.interval", "100ms", "billing.delivery.initial-delay", "0s",
                "billing.delivery.shards", "4", "billing.delivery.read-timeout", "600ms", "billing.delivery.connect-timeout", "1s");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(delivery());
        return properties;
    }

    @BeforeAll
    void startSecondInstance() throws Exception {
        Map<String, Object> properties = new HashMap<>(delivery());
        properties.put("stripe.api-base", proxy.url());
        second = ServiceInstance.besides(context, properties);
        receiver = new HostReceiver(0.2, Duration.ofMillis(1200), clock);
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
        receiver.close();
    }

    @Test
    void everyEffectHappensOnceWhateverTheStorm() throws Exception {
        WebhookEndpointWithSecret host = new WebhookEndpointsApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)))
                .createWebhookEndpoint(new WebhookEndpointRequest().url(receiver.url(HOST_PATH)).description("The host, in the storm"));
        receiver.secret(HOST_PATH, host.getSecret());
        int pairs = ChaosScale.pick(4, 150);
        debitsStayProcessing();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Callable<LoginResponse[]>> setups = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                setups.add(() -> new LoginResponse[] {signupAndLogin(), signupAndLogin()});
            }
            List<LoginResponse[]> twins = new ArrayList<>();
            for (Future<LoginResponse[]> f : pool.invokeAll(setups)) {
                twins.add(f.get());
            }
            List<Callable<List<List<Delivery>>>> stories = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                LoginResponse[] pair = twins.get(i);
                int index = i;
                stories.add(() -> List.of(story(pair[0], index), story(pair[1], index)));
            }
            List<List<Delivery>> inOrder = new ArrayList<>();
            List<Delivery> storm = new ArrayList<>();
            Random random = new Random(20261125);
            List<Delivery> stormStories = new ArrayList<>();
            for (Future<List<List<Delivery>>> f : pool.invokeAll(stories)) {
                inOrder.add(f.get().get(0));
                stormStories.addAll(f.get().get(1));
                for (Delivery d : f.get().get(1)) {
                    for (int copies = 1 + random.nextInt(5); copies > 0; copies--) {
                        storm.add(d);
                    }
                }
            }
            // The catalogue's flows that play out at once, each for a pair of accounts of their own (played one at a time:
            // a flow tells the proxy how Stripe answers its next confirmation).
            int flowPairs = ChaosScale.pick(Catalogue.IMMEDIATE.size(), 100);
            for (int i = 0; i < flowPairs; i++) {
                Flow flow = Catalogue.IMMEDIATE.get(i % Catalogue.IMMEDIATE.size());
                LoginResponse[] pair = {signupAndLogin(), signupAndLogin()};
                twins.add(pair);
                inOrder.add(played(flow, pair[0], random));
                for (Delivery d : played(flow, pair[1], random)) {
                    stormStories.add(d);
                    for (int copies = 1 + random.nextInt(5); copies > 0; copies--) {
                        storm.add(d);
                    }
                }
            }
            Collections.shuffle(storm, random);
            // The storm arrives late: Stripe already reports the state after each twin's last event.
            stormStories.forEach(d -> proxy.state().put(d.object()));

            List<Callable<Integer>> replays = inOrder.stream().<Callable<Integer>>map(events -> () -> deliverInOrder(events)).toList();
            for (Future<Integer> f : pool.invokeAll(replays)) {
                f.get();
            }
            StormFigures figures = deliverStorm(storm, pool);

            int events = inOrder.stream().mapToInt(List::size).sum();
            long entries = 0;
            for (LoginResponse[] pair : twins) {
                List<String> expected = outcome(pair[0]);
                assertEquals(expected, outcome(pair[1]), "the storm twin of " + pair[0].getAccountId());
                entries += allEntries(pair[1]).size();
                assertReconciled(pair[0]);
                assertReconciled(pair[1]);
            }
            System.out.printf("Webhook storm: %d accounts (+%d in-order twins; %d of them playing %d catalogue flows), %d events, "
                            + "%d deliveries (%d redeliveries after 503, %d acknowledged as duplicates), instance A %d / instance B %d, "
                            + "%d ledger entries; each twin equal to its in-order replay, balance == sum(ledger) and 0 reconciliation "
                            + "discrepancies for %d accounts%n",
                    twins.size(), twins.size(), flowPairs, Catalogue.IMMEDIATE.size(), events, figures.deliveries.get(),
                    figures.redeliveries.get(), figures.duplicates.get(), figures.toFirst.get(), figures.toSecond.get(), entries,
                    twins.size() * 2);
            assertTrue(figures.duplicates.get() > 0);
            theHostIsToldEverything(twins);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every event the storm caused reaches the host (faults on the way: 500s, late answers, resets),
     * signed, each account's sequence without gaps. (What the events tell is checked after the test
     * against each account's ledger and payments. A twin may tell it differently from its in-order
     * account and end the same: a refund Stripe already reports failed when its news comes is
     * never booked, where the in-order account booked it and then its failure.)
     */
    private void theHostIsToldEverything(List<LoginResponse[]> twins) throws Exception {
        ApiClient service = withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
        Map<String, List<Event>> feed = new HashMap<>();
        for (LoginResponse[] pair : twins) {
            for (LoginResponse login : pair) {
                feed.put(login.getAccountId(), EventOracle.events(service, login.getAccountId()));
            }
        }
        Set<String> expected = feed.values().stream().flatMap(List::stream).map(Event::getId).collect(Collectors.toSet());
        long started = System.nanoTime();
        while (!received().keySet().containsAll(expected)) {
            assertTrue(System.nanoTime() - started < Duration.ofMinutes(5).toNanos(),
                    () -> (expected.size() - received().size()) + " events not delivered yet");
            Thread.sleep(200);
            clock.advance(Duration.ofSeconds(20)); // through the backoff of the events that met a fault
            second.bean(TestClock.class).advance(Duration.ofSeconds(20));
        }
        List<HostReceiver.Push> pushes = receiver.pushesTo(HOST_PATH);
        assertTrue(pushes.stream().filter(p -> p.event() != null).allMatch(p -> p.verifyError() == null), "every push is signed");
        Map<String, List<Long>> sequences = new HashMap<>();
        received().values().forEach(e -> sequences.computeIfAbsent(e.getAccountId(), k -> new ArrayList<>()).add(e.getSequence()));
        for (Map.Entry<String, List<Event>> account : feed.entrySet()) {
            List<Long> got = sequences.getOrDefault(account.getKey(), List.of()).stream().sorted().toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, account.getValue().size()).boxed().toList(), got,
                    "the host has every sequence of " + account.getKey());
        }
        System.out.printf("Webhook storm, told to the host: %d events, %d pushes (%d 500s, %d late answers, %d resets), all signed, "
                        + "every account's sequence complete%n", expected.size(), pushes.size(), receiver.faults(HostReceiver.Fault.ERROR_500),
                receiver.faults(HostReceiver.Fault.SLOW), receiver.faults(HostReceiver.Fault.RESET));
    }

    /** The events the host applied (it answered, maybe too late for the service), once each. */
    private Map<String, Event> received() {
        Map<String, Event> byId = new HashMap<>();
        receiver.pushesTo(HOST_PATH).stream().filter(p -> p.event() != null
                        && (p.fault() == HostReceiver.Fault.NONE || p.fault() == HostReceiver.Fault.SLOW))
                .forEach(p -> byId.putIfAbsent(p.event().getId(), p.event()));
        return byId;
    }

    /** One account's events: four ACH debits with different fates, and a card's setup, update and (sometimes) removal. */
    private List<Delivery> story(LoginResponse login, int index) throws Exception {
        String bank = addBankAccount(login);
        List<Delivery> events = new ArrayList<>();
        long t = StripeEvents.now() - 300;
        for (int i = 0; i < PAYMENTS_PER_ACCOUNT; i++) {
            Payment debit = new PaymentsApi(as(login)).chargeOnce("invoice-" + i, new ChargeOnceRequest().paymentMethodId(bank)
                    .amount(1000L + 100L * i).description("Invoice " + i));
            events.add(event("payment_intent.processing", intent(login, debit, "processing"), t++));
            switch (i % 4) {
                case 0 -> events.add(event("payment_intent.succeeded", intent(login, debit, "succeeded"), t++));
                case 1 -> events.add(event("payment_intent.payment_failed", StripeObjects.of(intent(login, debit, "requires_payment_method"))
                        .setJson("last_payment_error", "{\"type\":\"invalid_request_error\",\"code\":\"insufficient_funds\","
                                + "\"message\":\"The account has insufficient funds.\"}").json(), t++));
                case 2 -> {
                    String charge = "ch_storm" + debit.getId().substring(4, 16);
                    events.add(event("payment_intent.succeeded", intent(login, debit, "succeeded"), t++));
                    events.add(event("charge.refunded", charge(login, debit, charge, 300), t++));
                    events.add(event("charge.refunded", charge(login, debit, charge, 300, 200), t++));
                }
                default -> {
                    String dispute = "dp_storm" + debit.getId().substring(4, 16);
                    events.add(event("payment_intent.succeeded", intent(login, debit, "succeeded"), t++));
                    events.add(event("charge.dispute.created", dispute(debit, dispute, 500, "needs_response"), t++));
                    events.add(event("charge.dispute.closed", dispute(debit, dispute, 500, index % 2 == 0 ? "won" : "lost"), t++));
                }
            }
        }
        events.addAll(cardEvents(login, index % 3 == 0));
        return events;
    }

    /** setup_intent.succeeded, a later payment_method.updated, and optionally payment_method.detached. */
    private List<Delivery> cardEvents(LoginResponse login, boolean detach) throws Exception {
        SetupIntentResponse created = new PaymentMethodsApi(as(login)).createCardSetupIntent();
        String pm = StripeObjects.newPaymentMethodId();
        // The update happens after the service stores the method, whenever the storm gets to it: when it stores a method it
        // reads it from Stripe, and stripe-mock answers with its fixture, so only an update newer than that read applies.
        long later = StripeEvents.now() + 3600;
        String intent = StripeObjects.of(StripeEvents.stripeMock().v1().setupIntents().retrieve(created.getSetupIntentId()).getLastResponse().body())
                .set("customer", customerOf(login)).set("status", "succeeded").set("payment_method", pm).json();
        String method = StripeObjects.of(StripeEvents.stripeMock().v1().paymentMethods().retrieve(pm).getLastResponse().body())
                .set("id", pm).set("customer", customerOf(login))
                .setJson("card", "{\"brand\":\"visa\",\"last4\":\"1881\",\"exp_month\":9,\"exp_year\":2034,\"country\":\"US\"}").json();
        List<Delivery> events = new ArrayList<>(List.of(event("setup_intent.succeeded", intent, later - 120),
                event("payment_method.updated", method, later)));
        if (detach) {
            events.add(new Delivery(StripeEvents.newEventId(), "payment_method.detached",
                    StripeObjects.of(method).set("customer", com.google.gson.JsonNull.INSTANCE).json(), later + 1, customerOf(login)));
        }
        return events;
    }

    /** The flow's events for this account, as Stripe sent them (recorded, not delivered). */
    private List<Delivery> played(Flow flow, LoginResponse login, Random random) throws Exception {
        ScenarioRun run = new ScenarioRun(this, null, login, dev.ledgerline.scenarios.Delivery.RECORDED, random);
        flow.play(run);
        return run.recorded().stream().map(e -> new Delivery(e.eventId(), e.type(), e.object(), e.created(), null)).toList();
    }

    private static Delivery event(String type, String object, long created) {
        return new Delivery(StripeEvents.newEventId(), type, object, created, null);
    }

    private WebhookAck send(Delivery d, URL instance) throws ApiException {
        String payload = StripeEvents.event(d.eventId(), d.type(), d.object(), d.created());
        if (d.previousCustomer() != null) {
            JsonObject event = JsonParser.parseString(payload).getAsJsonObject();
            JsonObject previous = new JsonObject();
            previous.addProperty("customer", d.previousCustomer());
            event.getAsJsonObject("data").add("previous_attributes", previous);
            payload = event.toString();
        }
        ApiClient client = anonymous();
        client.updateBaseUri(instance.toString());
        return new StripeWebhooksApi(client).receiveStripeWebhook(payload,
                StripeEvents.sign(payload, WEBHOOK_SECRET, clock.instant().getEpochSecond()));
    }

    private int deliverInOrder(List<Delivery> events) throws ApiException {
        List<Delivery> pending = new ArrayList<>(events);
        for (int round = 0; round < 10 && !pending.isEmpty(); round++) {
            List<Delivery> again = new ArrayList<>();
            for (Delivery d : pending) {
                try {
                    proxy.state().put(d.object()); // in order: Stripe says what this event says
                    send(d, server.getURL());
                } catch (ApiException e) {
                    assertEquals(503, e.getCode(), e::getResponseBody);
                    again.add(d);
                }
            }
            pending = again;
        }
        assertTrue(pending.isEmpty(), "every in-order event was applied");
        return events.size();
    }

    private static final class StormFigures {
        final AtomicInteger deliveries = new AtomicInteger();
        final AtomicInteger redeliveries = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger toFirst = new AtomicInteger();
        final AtomicInteger toSecond = new AtomicInteger();
    }

    private StormFigures deliverStorm(List<Delivery> storm, ExecutorService pool) throws Exception {
        ConcurrentLinkedDeque<Delivery> queue = new ConcurrentLinkedDeque<>(storm);
        StormFigures figures = new StormFigures();
        AtomicInteger inFlight = new AtomicInteger();
        List<Callable<Void>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Random pick = new Random(s);
            senders.add(() -> {
                int idle = 0;
                while (idle < 200) {
                    Delivery d = queue.pollFirst();
                    if (d == null) {
                        if (inFlight.get() == 0) {
                            return null;
                        }
                        idle++;
                        Thread.sleep(10);
                        continue;
                    }
                    inFlight.incrementAndGet();
                    try {
                        boolean first = pick.nextBoolean();
                        (first ? figures.toFirst : figures.toSecond).incrementAndGet();
                        figures.deliveries.incrementAndGet();
                        if (send(d, first ? server.getURL() : second.url()).getDuplicate()) {
                            figures.duplicates.incrementAndGet();
                        }
                    } catch (ApiException e) {
                        assertEquals(503, e.getCode(), e::getResponseBody);
                        figures.redeliveries.incrementAndGet();
                        queue.addLast(d);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(senders)) {
            f.get();
        }
        assertTrue(queue.isEmpty(), "every storm event was applied");
        return figures;
    }

    /**
     * What must be equal between twins: the ledger's sums by entry type and status, payments,
     * methods and balance. Sums, not entries: a refund that failed is booked and reversed when its
     * events come in order, but never booked when they come after Stripe reports it failed (the
     * service re-fetches it); either way nothing was returned. A double effect changes a sum.
     */
    private List<String> outcome(LoginResponse login) throws ApiException {
        List<String> lines = new ArrayList<>();
        java.util.Map<String, Long> sums = new java.util.TreeMap<>();
        for (LedgerEntry e : allEntries(login)) {
            sums.merge("sum " + e.getType() + " " + e.getStatus() + " linked=" + (e.getPaymentId() != null), e.getAmount(), Long::sum);
        }
        sums.forEach((key, sum) -> {
            if (sum != 0) {
                lines.add(key + " " + sum);
            }
        });
        for (Payment p : new PaymentsApi(as(login)).listPayments(100, null).getData()) {
            lines.add("payment " + p.getKind() + " " + p.getAmount() + " " + p.getStatus() + " " + p.getFailureMessage());
        }
        for (PaymentMethod m : new PaymentMethodsApi(as(login)).listPaymentMethods().getData()) {
            lines.add("method " + m.getType() + " " + m.getLast4() + " " + m.getExpYear() + " " + m.getStatus() + " default=" + m.getIsDefault());
        }
        var b = balance(login);
        lines.add("balance " + b.getBalance() + " due " + b.getDue() + " pending " + b.getPendingPayments());
        Collections.sort(lines);
        return lines;
    }
}
