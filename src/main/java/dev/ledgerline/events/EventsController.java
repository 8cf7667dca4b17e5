package dev.ledgerline.events;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.api.EventsApi;
import dev.ledgerline.api.model.Event;
import dev.ledgerline.api.model.EventData;
import dev.ledgerline.api.model.EventPage;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Page;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/** The pull feed (service-to-service; the service-key filter guards {@code /api/internal/**}). */
@Controller
public class EventsController implements EventsApi {

    private static final int DEFAULT_PAGE_SIZE = 25;

    private final EventRepo feed;
    private final AccountRepo accounts;
    private final JsonMapper json;

    public EventsController(EventRepo feed, AccountRepo accounts, JsonMapper json) {
        this.feed = feed;
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    public EventPage listEvents(Integer limit, ZonedDateTime since, String after) {
        return toApi(feed.all(after, since == null ? null : since.toInstant(), limit == null ? DEFAULT_PAGE_SIZE : limit));
    }

    @Override
    public EventPage listAccountEvents(String accountId, Integer limit, Long after) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFound("No such account.");
        }
        return toApi(feed.ofAccount(accountId, after == null ? 0 : after, limit == null ? DEFAULT_PAGE_SIZE : limit));
    }

    private EventPage toApi(Page<StoredEvent> page) {
        return new EventPage(page.items().stream().map(this::toApi).toList(), page.nextCursor());
    }

    private Event toApi(StoredEvent event) {
        return new Event(event.id(), dev.ledgerline.api.model.EventType.fromValue(event.type().value()), event.accountId(),
                event.sequence(), event.createdAt().atZone(ZoneOffset.UTC), new EventData(object(event.objectJson())));
    }

    private Map<String, Object> object(String objectJson) {
        try {
            return json.readValue(objectJson, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored event's snapshot did not parse", e);
        }
    }
}
