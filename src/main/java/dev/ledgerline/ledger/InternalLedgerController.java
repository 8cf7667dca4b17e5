package dev.ledgerline.ledger;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.api.InternalApi;
import dev.ledgerline.api.model.ChargeRequest;
import dev.ledgerline.api.model.CreditRequest;
import dev.ledgerline.api.model.ReversalRequest;
import dev.ledgerline.errors.NotFound;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Service-to-service endpoints (the service-key filter guards {@code /api/internal/**}). */
@Controller
public class InternalLedgerController implements InternalApi {

    private final LedgerService ledger;
    private final AccountRepo accounts;

    public InternalLedgerController(LedgerService ledger, AccountRepo accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    @Override
    public HttpResponse<dev.ledgerline.api.model.LedgerEntry> postInternalCharge(String accountId, String idempotencyKey,
                                                                                 ChargeRequest request) {
        LedgerEntry entry = ledger.postIdempotentCharge(accountId, idempotencyKey, LedgerMapping.fromApi(request, ledger.currency()));
        return HttpResponse.created(LedgerMapping.toApi(entry));
    }

    @Override
    public HttpResponse<dev.ledgerline.api.model.LedgerEntry> postInternalCredit(String accountId, String idempotencyKey,
                                                                                 CreditRequest request) {
        LedgerEntry entry = ledger.postCredit(accountId, idempotencyKey, request.getAmount(), request.getCurrency(), request.getReason());
        return HttpResponse.created(LedgerMapping.toApi(entry));
    }

    @Override
    public dev.ledgerline.api.model.LedgerEntry reverseInternalCharge(String accountId, String entryId, ReversalRequest request) {
        return LedgerMapping.toApi(ledger.reverse(accountId, entryId, request.getReason()));
    }

    @Override
    public dev.ledgerline.api.model.LedgerEntry settleInternalCharge(String accountId, String entryId) {
        return LedgerMapping.toApi(ledger.settle(accountId, entryId));
    }

    @Override
    public dev.ledgerline.api.model.Balance getInternalBalance(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFound("No such account.");
        }
        return ledger.balanceView(accountId);
    }
}
