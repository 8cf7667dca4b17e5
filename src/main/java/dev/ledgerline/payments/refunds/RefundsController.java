package dev.ledgerline.payments.refunds;

import dev.ledgerline.api.RefundsApi;
import dev.ledgerline.api.model.Refund;
import dev.ledgerline.api.model.RefundBalance;
import dev.ledgerline.api.model.RefundRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** Service-to-service (the service-key filter guards {@code /api/internal/**}). */
@Controller
public class RefundsController implements RefundsApi {

    private final Refunds refunds;

    public RefundsController(Refunds refunds) {
        this.refunds = refunds;
    }

    @Override
    public HttpResponse<Refund> createRefund(String paymentId, String idempotencyKey, RefundRequest request) {
        boolean owed = request.getBalance() == RefundBalance.OWED;
        Refunds.Refunded done = refunds.refund(paymentId, idempotencyKey, request.getAmount(), request.getReason(), owed);
        return HttpResponse.created(new Refund(done.refund().id(), done.paymentId(), done.refund().amount(),
                done.currency(), String.valueOf(done.refund().status()),
                done.owedAgain() ? RefundBalance.OWED : RefundBalance.UNCHANGED));
    }
}
