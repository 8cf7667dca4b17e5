package dev.ledgerline.events;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.EventsApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.EventPage;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.support.EventOracle;
import dev.ledgerline.support.ServiceInstance;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the host is told: every change in the account's gap-free sequence, in the same transaction as the change. */
@MicronautTest
class EventsIT extends StripeMockProxyTestSupport {

    @Inject
    MeterRegistry meters;

    @Inject
    ApplicationContext context;

    private ApiClient service() {
        return withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY));
    }

    private List<Event> events(LoginResponse login) throws Exception {
        return EventOracle.events(service(), login.getAccountId());
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(e -> e.getType().getValue()).toList();
    }

    @Test
    void aChargeAndItsSettlementAreToldInSequenceWithTheEntryAsItWas() throws Exception {
        LoginResponse login = signupAndLogin();
        InternalApi internal = new InternalApi(service());
        LedgerEntry pending = internal.postInternalCharge(login.getAccountId(), "inv-1",
                new ChargeRequest().amount(1250L).description("Seats, December").settled(false));
        LedgerEntry settled = internal.settleInternalCharge(login.getAccountId(), pending.getId());

        List<Event> events = events(login);
        assertEquals(List.of("charge.posted", "charge.settled"), types(events));
        assertEquals(pending.getId(), events.get(0).getData().getObject().get("id"));
        assertEquals(1250, ((Number) events.get(0).getData().getObject().get("amount")).intValue());
        assertEquals("pending", events.get(0).getData().getObject().get("status"));
        assertEquals(settled.getId(), events.get(1).getData().getObject().get("id"));

        EventsApi feed = new EventsApi(service());
        EventPage afterFirst = feed.listAccountEvents(login.getAccountId(), 25, 1L);
        assertEquals(List.of(2L), afterFirst.getData().stream().map(Event::getSequence).toList());
        assertEquals("2", afterFirst.getNextCursor());
        EventPage caughtUp = feed.listAccountEvents(login.getAccountId(), 25, 2L);
        assertEquals(List.of(), caughtUp.getData());
        assertEquals("2", caughtUp.getNextCursor(), "an empty page keeps the place");
        assertEquals(events.get(0).getId(), feed.listAccountEvents(login.getAccountId(), 1, 0L).getData().get(0).getId(),
                "an event's id is stable");
    }

    @Test
    void aRepeatOrARefusedChangeTellsNothing() throws Exception {
        LoginResponse login = signupAndLogin();
        InternalApi internal = new InternalApi(service());
        ChargeRequest charge = new ChargeRequest().amount(900L).description("Pro plan");
        internal.postInternalCharge(login.getAccountId(), "inv-7", charge);
        internal.postInternalCharge(login.getAccountId(), "inv-7", charge);
        expectProblem(409, () -> internal.postInternalCharge(login.getAccountId(), "inv-7", charge.amount(901L)));
        expectProblem(400, () -> internal.settleInternalCharge(login.getAccountId(), "no such entry!"));
        assertEquals(List.of("charge.posted"), types(events(login)));

        EventsApi feed = new EventsApi(service());
        assertEquals("not_found", expectProblem(404, () -> feed.listAccountEvents("acct_nosuchaccount", 25, 0L)).getCode());
        expectProblem(400, () -> feed.listAccountEvents(login.getAccountId(), 25, -1L));
        expectProblem(400, () -> feed.listAccountEvents(login.getAccountId(), 0, 0L));
        expectProblem(400, () -> feed.listEvents(25, null, "bm90IGEgY3Vyc29y"));
        // Far ends are taken at the edge of the window (nothing older is kept), not walked day by day.
        assertEquals(200, feed.listEventsWithHttpInfo(1, OffsetDateTime.parse("0001-01-01T00:00:00Z"), null).getStatusCode());
        assertEquals(List.of(), feed.listEvents(25, OffsetDateTime.parse("9999-12-31T00:00:00Z"), null).getData());
        String ancient = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "0001-01-01T00:00:00.000000Z".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, feed.listEventsWithHttpInfo(1, null, ancient).getStatusCode());
        expectProblem(401, () -> new EventsApi(as(login)).listAccountEvents(login.getAccountId(), 25, 0L));
    }

    /** 48 charges to one account from 12 threads, each through the instance {@code instanceFor} picks; their ids. */
    private Set<String> chargeConcurrently(LoginResponse login, java.util.function.IntFunction<ApiClient> instanceFor) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<LedgerEntry>> charges = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            int n = i;
            InternalApi internal = new InternalApi(instanceFor.apply(n));
            charges.add(() -> internal.postInternalCharge(login.getAccountId(), "race-" + n,
                    new ChargeRequest().amount(100L + n).description("Usage " + n)));
        }
        Set<String> posted = new HashSet<>();
        try {
            for (Future<LedgerEntry> f : pool.invokeAll(charges)) {
                posted.add(f.get().getId());
            }
        } finally {
            pool.shutdown();
        }
        return posted;
    }

    private void assertNumberedOnceEach(LoginResponse login, Set<String> posted) throws Exception {
        List<Event> events = events(login);
        assertEquals(48, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1L, events.get(i).getSequence());
        }
        assertEquals(posted, new HashSet<>(events.stream().map(e -> (String) e.getData().getObject().get("id")).toList()));
    }

    private double racesRetried() {
        return meters.counter(EventRepo.RACES_METRIC, "outcome", "retried").count();
    }

    @Test
    void changesRacingOnOneAccountWaitTheirTurnInOneInstance() throws Exception {
        LoginResponse login = signupAndLogin();
        double racesBefore = racesRetried();
        Set<String> posted = chargeConcurrently(login, n -> service());
        assertNumberedOnceEach(login, posted);
        // The instance queued them (AccountLocks): none found the sequence moved under it.
        assertEquals(0, racesRetried() - racesBefore);
    }

    @Test
    void changesRacingOnOneAccountFromTwoInstancesTakeEachNumberOnce() throws Exception {
        LoginResponse login = signupAndLogin();
        try (ServiceInstance second = ServiceInstance.besides(context, Map.of("stripe.api-base", proxy.url()))) {
            MeterRegistry secondMeters = second.bean(MeterRegistry.class);
            double racesBefore = racesRetried() + secondMeters.counter(EventRepo.RACES_METRIC, "outcome", "retried").count();
            Set<String> posted = chargeConcurrently(login, n -> {
                ApiClient client = service();
                if (n % 2 == 1) {
                    client.updateBaseUri(second.url().toString());
                }
                return client;
            });
            assertNumberedOnceEach(login, posted);
            // Across instances the sequence's condition decides: a loser re-reads and tries again (how often
            // varies, so it is only logged), and none gave up.
            LoggerFactory.getLogger(EventsIT.class).info("Sequence races across two instances: {}",
                    racesRetried() + secondMeters.counter(EventRepo.RACES_METRIC, "outcome", "retried").count() - racesBefore);
            assertEquals(0, meters.counter(EventRepo.RACES_METRIC, "outcome", "gave_up").count()
                    + secondMeters.counter(EventRepo.RACES_METRIC, "outcome", "gave_up").count());
        }
    }

    @Test
    void aPaymentIsToldFromItsStartToItsEndAndAMethodWhenItIsAdded() throws Exception {
        LoginResponse login = signupAndLogin();
        String bank = addBankAccount(login);
        addCharge(login, 3000);
        debitsStayProcessing();
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.PROCESSING, payment.getStatus());
        deliver("payment_intent.succeeded", intent(login, payment, "succeeded"));
        deliver("payment_intent.succeeded", intent(login, payment, "succeeded"));

        List<Event> events = events(login);
        assertEquals(List.of("payment_method.added", "payment_method.default_changed", "charge.posted", "payment.processing",
                "payment.succeeded"), types(events));
        assertEquals(bank, events.get(0).getData().getObject().get("id"));
        assertEquals("us_bank_account", events.get(0).getData().getObject().get("type"));
        assertEquals(bank, events.get(1).getData().getObject().get("defaultPaymentMethodId"));
        Map<String, Object> paid = events.get(4).getData().getObject();
        assertEquals(payment.getId(), paid.get("id"));
        assertEquals("succeeded", paid.get("status"));
        assertEquals(3000, ((Number) paid.get("amount")).intValue());
    }

    @Test
    void aRemovedDefaultIsToldAndSoIsTheMethodThatTakesOver() throws Exception {
        LoginResponse login = signupAndLogin();
        String first = addCard(login);
        String second = addCard(login);
        int listedAt = new PaymentMethodsApi(as(login)).listPaymentMethods().getData().stream()
                .filter(m -> m.getId().equals(second)).findFirst().orElseThrow().getPriority();
        // Which card Stripe's events made the default depends on their times and ids (stripe-mock's are equal): the
        // second is adopted, and told, when its id sorts first. The default is the one removed.
        String adopted = new dev.ledgerline.client.api.SettingsApi(as(login)).getSettings().getDefaultPaymentMethodId();
        String other = first.equals(adopted) ? second : first;
        List<String> beforeRemoval = types(events(login));
        new PaymentMethodsApi(as(login)).deletePaymentMethod(adopted);

        List<Event> events = events(login);
        assertEquals(List.of("payment_method.added", "payment_method.default_changed", "payment_method.added"),
                beforeRemoval.subList(0, 3));
        assertEquals(second.equals(adopted) ? 4 : 3, beforeRemoval.size(), () -> "a second default only if the second card was adopted: "
                + beforeRemoval);
        assertEquals(listedAt, ((Number) events.get(2).getData().getObject().get("priority")).intValue(),
                "the snapshot is the method as the listing showed it");
        List<Event> removal = events.subList(beforeRemoval.size(), events.size());
        assertEquals(List.of("payment_method.removed", "payment_method.default_changed"), types(removal));
        assertEquals(adopted, removal.get(0).getData().getObject().get("id"));
        assertEquals("removed", removal.get(0).getData().getObject().get("status"));
        assertEquals(other, removal.get(1).getData().getObject().get("defaultPaymentMethodId"));
    }

    @Test
    void theGlobalFeedListsEachEventOnceInTimeOrderOnceItIsOldEnough() throws Exception {
        OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC);
        LoginResponse a = signupAndLogin();
        LoginResponse b = signupAndLogin();
        InternalApi internal = new InternalApi(service());
        for (int i = 0; i < 3; i++) {
            internal.postInternalCharge(a.getAccountId(), "a-" + i, new ChargeRequest().amount(100L + i).description("A " + i));
            clock.advance(Duration.ofMillis(10));
            internal.postInternalCharge(b.getAccountId(), "b-" + i, new ChargeRequest().amount(200L + i).description("B " + i));
            clock.advance(Duration.ofMillis(10));
        }
        EventsApi feed = new EventsApi(service());
        EventPage tooSoon = feed.listEvents(100, since, null);
        assertTrue(tooSoon.getData().stream().noneMatch(e -> Set.of(a.getAccountId(), b.getAccountId()).contains(e.getAccountId())),
                "events younger than the feed delay are not listed yet");

        clock.advance(Duration.ofSeconds(6));
        List<Event> listed = new ArrayList<>();
        String cursor = null;
        EventPage page;
        int pages = 0;
        do {
            page = cursor == null ? feed.listEvents(2, since, null) : feed.listEvents(2, null, cursor);
            listed.addAll(page.getData());
            cursor = page.getNextCursor();
            pages++;
        } while (!page.getData().isEmpty() && pages < 50);
        List<String> ours = listed.stream().filter(e -> Set.of(a.getAccountId(), b.getAccountId()).contains(e.getAccountId()))
                .map(e -> (String) e.getData().getObject().get("description")).toList();
        assertEquals(List.of("A 0", "B 0", "A 1", "B 1", "A 2", "B 2"), ours);

        internal.postInternalCharge(a.getAccountId(), "a-late", new ChargeRequest().amount(5L).description("A late"));
        assertEquals(List.of(), feed.listEvents(25, null, cursor).getData().stream().filter(e -> e.getAccountId().equals(a.getAccountId()))
                .toList(), "not yet");
        clock.advance(Duration.ofSeconds(6));
        assertEquals(List.of("A late"), feed.listEvents(25, null, cursor).getData().stream()
                .filter(e -> e.getAccountId().equals(a.getAccountId())).map(e -> e.getData().getObject().get("description")).toList(),
                "the cursor of the last page carries on from where it ended");
    }
}
