package dev.ledgerline.events;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.api.EventsApi;
import dev.ledgerline.api.model.EventPage;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Page;
import dev.ledgerline.web.QueryValues;
import io.micronaut.http.annotation.Controller;

import java.time.ZonedDateTime;

/** The pull feed (service-to-service; the service-key filter guards {@code /api/internal/**}). */
@Controller
public class EventsController implements EventsApi {

    private static final int DEFAULT_PAGE_SIZE = 25;

    private final EventRepo feed;
    private final AccountRepo accounts;
    private final EventViews views;

    public EventsController(EventRepo feed, AccountRepo accounts, EventViews views) {
        this.feed = feed;
        this.accounts = accounts;
        this.views = views;
    }

    @Override
    public EventPage listEvents(Integer limit, ZonedDateTime since, String after) {
        QueryValues.requireNonBlank("since", "a date-time such as 2026-12-01T00:00:00Z");
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
        return new EventPage(page.items().stream().map(views::toApi).toList(), page.nextCursor());
    }
}
