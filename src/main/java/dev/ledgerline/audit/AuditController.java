package dev.ledgerline.audit;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.api.AuditApi;
import dev.ledgerline.api.model.AuditPage;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Page;
import dev.ledgerline.web.QueryValues;
import io.micronaut.http.annotation.Controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Service-to-service (the service-key filter guards {@code /api/internal/**}). */
@Controller
public class AuditController implements AuditApi {

    private static final int DEFAULT_PAGE_SIZE = 25;
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    private final AuditRepo audit;
    private final AccountRepo accounts;
    private final Clock clock;

    public AuditController(AuditRepo audit, AccountRepo accounts, Clock clock) {
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public AuditPage listAudit(Integer limit, String cursor, ZonedDateTime since) {
        QueryValues.requireNonBlank("since", "a date-time such as 2026-12-01T00:00:00Z");
        Instant now = clock.instant();
        // The service-wide listing walks one index partition per day: at most a year of them.
        Instant earliest = now.minus(LONGEST_WINDOW);
        Instant from = since == null ? now.minus(DEFAULT_WINDOW) : since.toInstant().isBefore(earliest) ? earliest
                : since.toInstant().isAfter(now) ? now : since.toInstant();
        return toApi(audit.all(limit == null ? DEFAULT_PAGE_SIZE : limit, cursor, from, now));
    }

    @Override
    public AuditPage listAccountAudit(String accountId, Integer limit, String cursor) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFound("No such account.");
        }
        return toApi(audit.ofAccount(accountId, limit == null ? DEFAULT_PAGE_SIZE : limit, cursor));
    }

    private static AuditPage toApi(Page<AuditRecord> page) {
        return new AuditPage(page.items().stream().map(r -> new dev.ledgerline.api.model.AuditRecord(r.id(), r.accountId(), r.actor(),
                r.action(), r.target(), r.at().atZone(ZoneOffset.UTC)).amount(r.amount()).currency(r.currency()).reason(r.reason())
                .requestId(r.requestId())).toList(), page.nextCursor());
    }
}
