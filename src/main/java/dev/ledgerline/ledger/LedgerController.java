package dev.ledgerline.ledger;

import dev.ledgerline.api.LedgerApi;
import dev.ledgerline.api.model.LedgerPage;
import dev.ledgerline.web.CurrentSession;
import dev.ledgerline.store.Page;
import io.micronaut.http.annotation.Controller;

@Controller
public class LedgerController implements LedgerApi {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final LedgerService ledger;
    private final CurrentSession current;

    public LedgerController(LedgerService ledger, CurrentSession current) {
        this.ledger = ledger;
        this.current = current;
    }

    @Override
    public dev.ledgerline.api.model.Balance getBalance() {
        return ledger.balanceView(current.accountId());
    }

    @Override
    public LedgerPage listLedger(Integer limit, String cursor) {
        Page<LedgerEntry> page = ledger.page(current.accountId(), limit == null ? DEFAULT_PAGE_SIZE : limit, cursor);
        return new LedgerPage(page.items().stream().map(LedgerMapping::toApi).toList(), page.nextCursor());
    }
}
