package dev.ledgerline.ledger;

import dev.ledgerline.api.DevApi;
import dev.ledgerline.api.model.ChargeRequest;
import dev.ledgerline.auth.CurrentSession;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.web.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Test charges for the control panel; outside dev mode the route answers as if it did not exist. */
@Controller
public class DevChargesController implements DevApi {

    private final LedgerService ledger;
    private final CurrentSession current;
    private final boolean devMode;

    public DevChargesController(LedgerService ledger, CurrentSession current, BillingSettings settings) {
        this.ledger = ledger;
        this.current = current;
        this.devMode = settings.devMode();
    }

    @Override
    public HttpResponse<dev.ledgerline.api.model.LedgerEntry> devAddCharge(ChargeRequest request) {
        if (!devMode) {
            throw ProblemException.notFound("No such endpoint.");
        }
        LedgerEntry entry = ledger.postDevCharge(current.accountId(), LedgerMapping.fromApi(request, ledger.currency()));
        return HttpResponse.created(LedgerMapping.toApi(entry));
    }
}
