package dev.ledgerline.ledger;

import dev.ledgerline.api.DevApi;
import dev.ledgerline.api.model.ChargeRequest;
import dev.ledgerline.web.CurrentSession;
import dev.ledgerline.config.DevModeEnabled;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/**
 * Test charges for the control panel. Outside dev mode the controller is not created, so its
 * route does not exist: every request answers 404 like any unknown path, before its body is read
 * (a check inside the method came after binding, so a bad body answered 400 and showed the route).
 */
@Controller
@Requires(condition = DevModeEnabled.class)
public class DevChargesController implements DevApi {

    private final LedgerService ledger;
    private final CurrentSession current;

    public DevChargesController(LedgerService ledger, CurrentSession current) {
        this.ledger = ledger;
        this.current = current;
    }

    @Override
    public HttpResponse<dev.ledgerline.api.model.LedgerEntry> devAddCharge(ChargeRequest request) {
        LedgerEntry entry = ledger.postDevCharge(current.accountId(), LedgerMapping.fromApi(request, ledger.currency()));
        return HttpResponse.created(LedgerMapping.toApi(entry));
    }
}
