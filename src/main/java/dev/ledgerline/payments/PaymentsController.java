package dev.ledgerline.payments;

import dev.ledgerline.api.PaymentsApi;
import dev.ledgerline.api.model.ChargeOnceRequest;
import dev.ledgerline.api.model.CheckoutSessionRequest;
import dev.ledgerline.api.model.CheckoutSessionResponse;
import dev.ledgerline.api.model.PayBalanceRequest;
import dev.ledgerline.api.model.PaymentConfirmation;
import dev.ledgerline.api.model.PaymentPage;
import dev.ledgerline.web.CurrentSession;
import dev.ledgerline.payments.checkout.CheckoutPayments;
import dev.ledgerline.store.Page;
import dev.ledgerline.stripe.StripeCheckoutSession;
import io.micronaut.http.annotation.Controller;


@Controller
public class PaymentsController implements PaymentsApi {

    private static final int DEFAULT_PAGE_SIZE = 25;

    private final PayBalance payBalance;
    private final ChargeOnce chargeOnce;
    private final CheckoutPayments checkout;
    private final PaymentRepo payments;
    private final PaymentRefresh refresh;
    private final PaymentConfirmations confirmations;
    private final CurrentSession current;

    public PaymentsController(PayBalance payBalance, ChargeOnce chargeOnce, CheckoutPayments checkout, PaymentRepo payments,
                              PaymentRefresh refresh, PaymentConfirmations confirmations, CurrentSession current) {
        this.payBalance = payBalance;
        this.chargeOnce = chargeOnce;
        this.checkout = checkout;
        this.payments = payments;
        this.refresh = refresh;
        this.confirmations = confirmations;
        this.current = current;
    }

    @Override
    public dev.ledgerline.api.model.Payment refreshPayment(String paymentId) {
        return PaymentMapping.toApi(refresh.refresh(current.accountId(), paymentId));
    }

    @Override
    public PaymentConfirmation startPaymentConfirmation(String paymentId) {
        PaymentConfirmations.Confirmation confirmation = confirmations.start(current.accountId(), paymentId);
        return new PaymentConfirmation(confirmation.paymentId(), confirmation.intentId(), confirmation.clientSecret())
                .paymentMethodId(confirmation.paymentMethodId());
    }

    @Override
    public dev.ledgerline.api.model.Payment payBalance(String idempotencyKey, PayBalanceRequest request) {
        return PaymentMapping.toApi(payBalance.pay(current.accountId(), PaymentKind.BALANCE, request == null ? null : request.getPaymentMethodId(),
                idempotencyKey));
    }

    @Override
    public dev.ledgerline.api.model.Payment chargeOnce(String idempotencyKey, ChargeOnceRequest request) {
        return PaymentMapping.toApi(chargeOnce.charge(current.accountId(), request.getPaymentMethodId(), request.getAmount(), request.getCurrency(),
                request.getDescription(), idempotencyKey));
    }

    @Override
    public CheckoutSessionResponse createCheckoutSession(CheckoutSessionRequest request) {
        StripeCheckoutSession session = checkout.start(current.accountId(), request == null ? null : request.getAmount(),
                request == null ? null : request.getCurrency());
        return new CheckoutSessionResponse(session.id(), session.url());
    }

    @Override
    public PaymentPage listPayments(Integer limit, String cursor) {
        Page<Payment> page = payments.page(current.accountId(), limit == null ? DEFAULT_PAGE_SIZE : limit, cursor);
        return new PaymentPage(page.items().stream().map(PaymentMapping::toApi).toList(), page.nextCursor());
    }
}
