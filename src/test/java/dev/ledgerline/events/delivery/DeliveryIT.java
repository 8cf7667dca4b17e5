package dev.ledgerline.events.delivery;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.EventDeliveriesApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.WebhookEndpointsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.DeliveryAttempt;
import dev.ledgerline.client.model.DeliveryOutcome;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.EventDeliveries;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.WebhookEndpoint;
import dev.ledgerline.client.model.WebhookEndpointRequest;
import dev.ledgerline.client.model.WebhookEndpointStatus;
import dev.ledgerline.client.model.WebhookEndpointUpdate;
import dev.ledgerline.client.model.WebhookEndpointWithSecret;
import dev.ledgerline.client.webhooks.WebhookObjects;
import dev.ledgerline.events.OutboxShards;
import dev.ledgerline.jobs.ShardLeaseRepo;
import dev.ledgerline.support.CapturedLogs;
import dev.ledgerline.support.EventOracle;
import dev.ledgerline.support.HostReceiver;
import dev.ledgerline.support.HostReceiver.Fault;
import dev.ledgerline.support.HostReceiver.Push;
import dev.ledgerline.support.ServiceInstance;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed pushes of the host's events, through a real receiver that fails ~30% of them (500s,
 * answers after the read timeout, connections closed without an answer), from two instances of the
 * service sharing the table, both running the deliverer on its schedule. The test clock moves both
 * instances through the backoff; real time only passes while the deliverers work.
 */
@MicronautTest
class DeliveryIT extends StripeMockProxyTestSupport {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(600);

    @Inject
    ApplicationContext context;

    @Inject
    MeterRegistry meters;

    private ServiceInstance second;
    private HostReceiver receiver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(deliveryProperties());
        return properties;
    }

    private static Map<String, String> deliveryProperties() {
        return Map.of("billing.delivery.enabled", "true", "billing.delivery.interval", "100ms", "billing.delivery.initial-delay", "0s",
                "billing.delivery.shards", "4", "billing.delivery.read-timeout", READ_TIMEOUT.toMillis() + "ms",
                "billing.delivery.connect-timeout", "1s", "billing.delivery.disable-after", "2h");
    }

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> properties = new HashMap<>(deliveryProperties());
        properties.put("stripe.api-base", proxy.url());
        second = ServiceInstance.besides(context, properties);
        receiver = new HostReceiver(0.3, READ_TIMEOUT.multipliedBy(2), clock);
    }

    @AfterAll
    void stop() {
        second.close();
        receiver.close();
    }

    @AfterEach
    void removeEndpoints() throws Exception {
        WebhookEndpointsApi endpoints = new WebhookEndpointsApi(service());
        for (WebhookEndpoint endpoint : endpoints.listWebhookEndpoints().getData()) {
            endpoints.deleteWebhookEndpoint(endpoint.getId());
        }
        second.bean(TestClock.class).reset();
    }

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private ApiClient serviceOn(java.net.URL instance) {
        ApiClient client = service();
        client.updateBaseUri(instance.toString());
        return client;
    }

    /** Both instances' clocks (each has its own) move together. */
    private void advance(Duration by) {
        clock.advance(by);
        second.bean(TestClock.class).advance(by);
    }

    /** Every secret the tests were given: no log line may carry one. */
    private final List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();

    private String register(String path, List<EventType> types) throws Exception {
        WebhookEndpointRequest request = new WebhookEndpointRequest().url(receiver.url(path)).description("Host " + path);
        if (types != null) {
            request.eventTypes(types);
        }
        WebhookEndpointWithSecret created = new WebhookEndpointsApi(service()).createWebhookEndpoint(request);
        receiver.secret(path, created.getSecret());
        secrets.add(created.getSecret());
        return created.getEndpoint().getId();
    }

    /** Moves the clocks {@code step} at a time while the deliverers run, until {@code done} (or a minute of real time). */
    private void until(Duration step, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting");
            Thread.sleep(150);
            advance(step);
        }
    }

    /** The events the host applied (it answered 2xx, maybe too late for the service), each once. */
    private static Map<String, Event> unique(List<Push> pushes) {
        Map<String, Event> byId = new LinkedHashMap<>();
        pushes.stream().filter(p -> p.event() != null && (p.fault() == Fault.NONE || p.fault() == Fault.SLOW))
                .forEach(p -> byId.putIfAbsent(p.event().getId(), p.event()));
        return byId;
    }

    private double attempts(MeterRegistry registry) {
        return registry.find("ledgerline.delivery.attempts").counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void everyEventReachesTheHostAtLeastOnceThroughFaultsFromTwoInstances() throws Exception {
        String faulty = "/faulty/" + UUID.randomUUID();
        try (CapturedLogs logs = CapturedLogs.start()) {
            pushThroughFaults(faulty);
            assertTrue(logs.isCapturing());
            assertTrue(logs.lines().stream().noneMatch(line -> secrets.stream().anyMatch(line::contains)), "no log line has a secret");
        }
    }

    private void pushThroughFaults(String faulty) throws Exception {
        String credits = "/ok/credits-" + UUID.randomUUID();
        String faultyId = register(faulty, null);
        register(credits, List.of(EventType.CREDIT_POSTED));
        advance(Duration.ofSeconds(6)); // the events of this test come after the endpoints a run reads (Deliverer.CLOCK_MARGIN)
        double attemptsBefore = attempts(meters) + attempts(second.bean(MeterRegistry.class));

        List<LoginResponse> accounts = new ArrayList<>();
        for (int a = 0; a < 6; a++) {
            accounts.add(signupAndLogin());
        }
        for (int i = 0; i < 8; i++) {
            for (LoginResponse account : accounts) {
                InternalApi internal = new InternalApi(i % 2 == 0 ? service() : serviceOn(second.url()));
                internal.postInternalCharge(account.getAccountId(), "c-" + i, new ChargeRequest().amount(100L + i).description("Usage " + i));
                if (i == 3) {
                    internal.postInternalCredit(account.getAccountId(), "credit", new CreditRequest().amount(50L).reason("Goodwill"));
                    expectProblem(409, () -> internal.postInternalCharge(account.getAccountId(), "c-0",
                            new ChargeRequest().amount(999L).description("Refused")));
                }
            }
        }
        Map<String, List<Event>> feed = new HashMap<>();
        for (LoginResponse account : accounts) {
            feed.put(account.getAccountId(), EventOracle.events(service(), account.getAccountId()));
            assertEquals(9, feed.get(account.getAccountId()).size());
        }
        Set<String> expected = feed.values().stream().flatMap(List::stream).map(Event::getId).collect(Collectors.toSet());

        until(Duration.ofMinutes(1), () -> unique(receiver.pushesTo(faulty)).keySet().containsAll(expected)
                && unique(receiver.pushesTo(credits)).size() == accounts.size());

        List<Push> pushes = receiver.pushesTo(faulty);
        assertEquals(List.of(), pushes.stream().filter(p -> p.verifyError() != null).map(Push::verifyError).toList(),
                "every push verifies with the SDK");
        assertTrue(pushes.stream().allMatch(p -> p.event().getId().equals(p.eventIdHeader())), "Ledgerline-Event-Id names the event");
        Map<String, Event> received = unique(pushes);
        for (LoginResponse account : accounts) {
            List<Event> ofAccount = received.values().stream().filter(e -> e.getAccountId().equals(account.getAccountId()))
                    .sorted(java.util.Comparator.comparing(Event::getSequence)).toList();
            assertEquals(feed.get(account.getAccountId()), ofAccount, "the host got the pull feed's events, each sequence once, no gap");
            assertTrue(ofAccount.stream().noneMatch(e -> "Refused".equals(e.getData().getObject().get("description"))),
                    "nothing for the refused charge");
        }
        List<Event> creditEvents = new ArrayList<>(unique(receiver.pushesTo(credits)).values());
        assertTrue(creditEvents.stream().allMatch(e -> e.getType() == EventType.CREDIT_POSTED), "a filter keeps the other types away");
        assertEquals(-50L, WebhookObjects.ledgerEntry(creditEvents.get(0)).getAmount());

        // The log of an event that failed at first: its attempts, with status codes or the error, then the 2xx.
        Push failedOnce = pushes.stream().filter(p -> p.fault() == Fault.ERROR_500).findFirst().orElseThrow();
        EventDeliveriesApi deliveries = new EventDeliveriesApi(service());
        until(Duration.ofSeconds(1), () -> !pending(deliveries, failedOnce.event().getAccountId(), failedOnce.event().getSequence()));
        EventDeliveries log = new EventDeliveriesApi(service()).listEventDeliveries(failedOnce.event().getAccountId(), failedOnce.event().getSequence());
        List<DeliveryAttempt> toFaulty = log.getAttempts().stream().filter(a -> a.getEndpointId().equals(faultyId)).toList();
        assertTrue(toFaulty.stream().anyMatch(a -> a.getOutcome() == DeliveryOutcome.FAILED && Integer.valueOf(500).equals(a.getStatusCode())));
        assertTrue(toFaulty.stream().anyMatch(a -> a.getOutcome() == DeliveryOutcome.DELIVERED && a.getStatusCode() / 100 == 2));
        assertFalse(log.getPending());

        double mine = attempts(meters);
        double theirs = attempts(second.bean(MeterRegistry.class));
        assertTrue(mine > 0 && theirs > 0, "both instances delivered: " + mine + " / " + theirs);
        System.out.printf("Delivery: %d events, %d pushes received (%d unique), %.0f attempts logged by the instances (%.0f / %.0f), "
                        + "faults injected: %d 500s, %d late answers, %d resets%n", expected.size(), pushes.size(), received.size(),
                mine + theirs - attemptsBefore, mine, theirs, receiver.faults(Fault.ERROR_500), receiver.faults(Fault.SLOW),
                receiver.faults(Fault.RESET));
    }

    @Test
    void aRedeliveryIsSentAgainAndADisabledEndpointGetsNothing() throws Exception {
        String ok = "/ok/" + UUID.randomUUID();
        String off = "/ok/off-" + UUID.randomUUID();
        register(ok, null);
        String offId = register(off, null);
        WebhookEndpointsApi endpoints = new WebhookEndpointsApi(service());
        assertEquals(WebhookEndpointStatus.DISABLED, endpoints.updateWebhookEndpoint(offId, new WebhookEndpointUpdate().enabled(false)).getStatus());
        advance(Duration.ofSeconds(6));

        LoginResponse login = signupAndLogin();
        new InternalApi(service()).postInternalCharge(login.getAccountId(), "one", new ChargeRequest().amount(700L).description("Seats"));
        EventDeliveriesApi deliveries = new EventDeliveriesApi(service());
        until(Duration.ofSeconds(1), () -> !pending(deliveries, login));
        assertEquals(1, receiver.pushesTo(ok).size());
        assertEquals(0, receiver.pushesTo(off).size(), "a disabled endpoint gets nothing");

        EventDeliveries again = new EventDeliveriesApi(serviceOn(second.url())).redeliverEvent(login.getAccountId(), 1L);
        assertTrue(again.getPending());
        until(Duration.ofSeconds(1), () -> receiver.pushesTo(ok).size() == 2 && !pending(deliveries, login));
        List<DeliveryAttempt> attempts = deliveries.listEventDeliveries(login.getAccountId(), 1L).getAttempts();
        assertEquals(List.of(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED), attempts.stream().map(DeliveryAttempt::getOutcome).toList());
        assertEquals(List.of(1, 2), attempts.stream().map(DeliveryAttempt::getAttempt).toList());
        assertEquals(0, receiver.pushesTo(off).size());
        expectProblem(404, () -> deliveries.redeliverEvent(login.getAccountId(), 99L));
        expectProblem(404, () -> deliveries.listEventDeliveries("acct_nosuchaccount", 1L));
        expectProblem(400, () -> deliveries.listEventDeliveries(login.getAccountId(), 0L));
    }

    @Test
    void aShardLeasedByAnInstanceThatDiedIsTakenOverAfterTheLeaseTime() throws Exception {
        String ok = "/ok/lease-" + UUID.randomUUID();
        register(ok, null);
        advance(Duration.ofSeconds(6));
        LoginResponse held = signupAndLogin();
        LoginResponse other;
        do {
            other = signupAndLogin(); // an account in another shard, to see the deliverers at work meanwhile
        } while (OutboxShards.of(other.getAccountId(), 4) == OutboxShards.of(held.getAccountId(), 4));
        int shard = OutboxShards.of(held.getAccountId(), 4);
        // An instance took the shard and died (mid-push or not): its lease stands for billing.delivery.lease-time (2m).
        // (The live deliverers hold each shard for a moment per run: take it between two of their runs.)
        ShardLeaseRepo leases = context.getBean(ShardLeaseRepo.class);
        until(Duration.ZERO, () -> leases.acquire(Deliverer.JOB, shard, "dlv_crashed", clock.instant(), clock.instant().plus(Duration.ofMinutes(2)), null));

        new InternalApi(service()).postInternalCharge(held.getAccountId(), "held", new ChargeRequest().amount(300L).description("Held"));
        new InternalApi(service()).postInternalCharge(other.getAccountId(), "free", new ChargeRequest().amount(400L).description("Free"));
        EventDeliveriesApi deliveries = new EventDeliveriesApi(service());
        LoginResponse free = other;
        until(Duration.ofSeconds(1), () -> !pending(deliveries, free));
        assertTrue(pending(deliveries, held), "the dead instance's shard waits for its lease to end");
        assertTrue(receiver.pushesTo(ok).stream().noneMatch(p -> p.event().getAccountId().equals(held.getAccountId())));

        until(Duration.ofSeconds(10), () -> !pending(deliveries, held));
        assertTrue(receiver.pushesTo(ok).stream().anyMatch(p -> p.event().getAccountId().equals(held.getAccountId())),
                "taken over once the lease ended, and pushed");
    }

    private static boolean pending(EventDeliveriesApi deliveries, LoginResponse login) {
        return pending(deliveries, login.getAccountId(), 1L);
    }

    private static boolean pending(EventDeliveriesApi deliveries, String accountId, long sequence) {
        try {
            return deliveries.listEventDeliveries(accountId, sequence).getPending();
        } catch (dev.ledgerline.client.ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAfterTheConfiguredTime() throws Exception {
        String down = "/down/" + UUID.randomUUID();
        String downId = register(down, null);
        advance(Duration.ofSeconds(6));
        double disabledBefore = disabled(meters) + disabled(second.bean(MeterRegistry.class));
        LoginResponse login = signupAndLogin();
        new InternalApi(service()).postInternalCharge(login.getAccountId(), "one", new ChargeRequest().amount(700L).description("Seats"));
        WebhookEndpointsApi endpoints = new WebhookEndpointsApi(service());

        until(Duration.ofMinutes(10), () -> status(endpoints, downId) == WebhookEndpointStatus.DISABLED_FAILING);
        WebhookEndpoint disabled = endpoints.getWebhookEndpoint(downId);
        assertNotNull(disabled.getDisabledReason());
        assertNotNull(disabled.getDisabledAt());
        assertTrue(Duration.between(disabled.getFailingSince(), disabled.getDisabledAt()).compareTo(Duration.ofHours(2)) >= 0,
                "disabled once it had failed for billing.delivery.disable-after (2h here)");
        assertEquals(1.0, disabled(meters) + disabled(second.bean(MeterRegistry.class)) - disabledBefore);
        int before = receiver.pushesTo(down).size();
        assertTrue(new EventDeliveriesApi(service()).listEventDeliveries(login.getAccountId(), 1L).getAttempts().stream()
                .allMatch(a -> Integer.valueOf(503).equals(a.getStatusCode())));

        new InternalApi(service()).postInternalCharge(login.getAccountId(), "two", new ChargeRequest().amount(800L).description("More"));
        EventDeliveriesApi deliveries = new EventDeliveriesApi(service());
        until(Duration.ofSeconds(1), () -> {
            try {
                return !deliveries.listEventDeliveries(login.getAccountId(), 2L).getPending();
            } catch (dev.ledgerline.client.ApiException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(before, receiver.pushesTo(down).size(), "nothing more is pushed to it");
    }

    private static WebhookEndpointStatus status(WebhookEndpointsApi endpoints, String id) {
        try {
            return endpoints.getWebhookEndpoint(id).getStatus();
        } catch (dev.ledgerline.client.ApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double disabled(MeterRegistry registry) {
        return registry.find("ledgerline.delivery.endpoints.disabled").counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
