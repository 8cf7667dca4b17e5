package dev.ledgerline.support;

import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.api.EventsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.model.EventPage;
import dev.ledgerline.client.model.EventType;
import dev.ledgerline.client.model.LedgerEntry;
import dev.ledgerline.client.model.LedgerEntryType;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentPage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The after-test check of what the host is told: an account's events are numbered 1..n without
 * gaps or repeats, and they tell exactly what the ledger and the payments hold: one event per
 * posted charge, settlement, refund stage and dispute stage, none for anything that did not
 * commit, and each payment's events end in its current status (one terminal event iff it ended).
 */
public final class EventOracle {

    private EventOracle() {
    }

    /** Every event of the account, in sequence, through the per-account feed. */
    public static List<Event> events(ApiClient serviceKey, String accountId) throws ApiException {
        EventsApi api = new EventsApi(serviceKey);
        List<Event> all = new ArrayList<>();
        long after = 0;
        while (true) {
            EventPage page = api.listAccountEvents(accountId, 100, after);
            all.addAll(page.getData());
            if (page.getData().isEmpty()) {
                return all;
            }
            after = Long.parseLong(page.getNextCursor());
        }
    }

    public static void assertEventsTell(ApiClient serviceKey, ApiClient account, String accountId, List<LedgerEntry> ledger)
            throws ApiException {
        List<Event> events = events(serviceKey, accountId);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertEquals(i + 1L, event.getSequence(), () -> "gap-free sequence of " + accountId + ": " + summary(events));
            assertEquals(accountId, event.getAccountId());
            assertTrue(ids.add(event.getId()), "event ids are unique");
        }

        Map<String, Integer> expected = new HashMap<>();
        for (LedgerEntry entry : ledger) {
            String told = toldAs(entry);
            if (told != null) {
                expected.merge(told + " " + entry.getId(), 1, Integer::sum);
            }
        }
        Map<String, Integer> ledgerTold = new HashMap<>();
        Map<String, List<Event>> byPayment = new HashMap<>();
        for (Event event : events) {
            String objectId = String.valueOf(event.getData().getObject().get("id"));
            if (event.getType().getValue().startsWith("payment.") || event.getType() == EventType.AUTOPAY_FAILED) {
                byPayment.computeIfAbsent(objectId, k -> new ArrayList<>()).add(event);
            } else if (!event.getType().getValue().startsWith("payment_method.")) {
                ledgerTold.merge(event.getType().getValue() + " " + objectId, 1, Integer::sum);
            }
        }
        assertEquals(expected, ledgerTold, "one event per ledger change, none for a change that did not commit, for " + accountId);

        for (Payment payment : payments(account)) {
            List<Event> told = byPayment.remove(payment.getId());
            if (told == null) {
                fail("payment " + payment.getId() + " of " + accountId + " was never reported: " + summary(events));
            }
            List<Event> statusEvents = told.stream().filter(e -> e.getType() != EventType.AUTOPAY_FAILED).toList();
            Event last = statusEvents.get(statusEvents.size() - 1);
            assertEquals(payment.getStatus().getValue(), last.getData().getObject().get("status"),
                    () -> "the last event of " + payment.getId() + " tells its status: " + summary(told));
            long terminal = statusEvents.stream().filter(e -> Set.of(EventType.PAYMENT_SUCCEEDED, EventType.PAYMENT_FAILED,
                    EventType.PAYMENT_CANCELED).contains(e.getType())).count();
            assertEquals(Set.of("succeeded", "failed", "canceled").contains(payment.getStatus().getValue()) ? 1 : 0, terminal,
                    () -> "one terminal event iff " + payment.getId() + " ended: " + summary(told));
        }
        assertEquals(Map.of(), byPayment, "events only for payments that exist");
    }

    /** The event type a ledger entry is reported by (with the entry as its object), or null for entries another event covers. */
    private static String toldAs(LedgerEntry entry) {
        String id = entry.getId();
        if (entry.getType() == LedgerEntryType.CHARGE && entry.getPaymentId() == null) {
            if (id.endsWith("-release")) {
                return null;
            }
            return id.endsWith("-settled") ? "charge.settled" : "charge.posted";
        }
        if (id.startsWith("refund-") && entry.getType() == LedgerEntryType.REFUND) {
            return id.endsWith("-failed") ? "refund.failed" : "refund.created";
        }
        if (id.startsWith("dispute-") && id.endsWith("-withdrawn")) {
            return "dispute.opened";
        }
        if (id.startsWith("dispute-") && id.endsWith("-closed")) {
            return "dispute.closed";
        }
        if (entry.getType() == LedgerEntryType.CREDIT) {
            return "credit.posted";
        }
        if (entry.getType() == LedgerEntryType.ADJUSTMENT && id.endsWith("-reversed")) {
            return "charge.reversed";
        }
        return null;
    }

    private static List<Payment> payments(ApiClient account) throws ApiException {
        List<Payment> all = new ArrayList<>();
        String cursor = null;
        do {
            PaymentPage page = new PaymentsApi(account).listPayments(100, cursor);
            all.addAll(page.getData());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }

    private static String summary(List<Event> events) {
        return events.stream().map(e -> e.getSequence() + ":" + e.getType().getValue() + ":" + e.getData().getObject().get("id")
                + (e.getData().getObject().containsKey("status") ? ":" + e.getData().getObject().get("status") : "")).toList().toString();
    }
}
