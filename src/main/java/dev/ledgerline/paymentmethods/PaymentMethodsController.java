package dev.ledgerline.paymentmethods;

import dev.ledgerline.api.PaymentMethodsApi;
import dev.ledgerline.api.model.DefaultPaymentMethodRequest;
import dev.ledgerline.api.model.PaymentMethod;
import dev.ledgerline.api.model.PaymentMethodList;
import dev.ledgerline.api.model.PaymentMethodPriorityRequest;
import dev.ledgerline.api.model.Settings;
import dev.ledgerline.api.model.SetupIntentRefresh;
import dev.ledgerline.api.model.SetupIntentResponse;
import dev.ledgerline.api.model.VerifyMicrodepositsRequest;
import dev.ledgerline.api.model.VerifyMicrodepositsResponse;
import dev.ledgerline.web.CurrentSession;
import dev.ledgerline.settings.SettingsController;
import dev.ledgerline.stripe.StripeSetupIntent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;

import java.util.ArrayList;
import java.util.List;

@Controller
public class PaymentMethodsController implements PaymentMethodsApi {

    private final PaymentMethodsService service;
    private final SetupIntents setupIntents;
    private final CurrentSession current;

    public PaymentMethodsController(PaymentMethodsService service, SetupIntents setupIntents, CurrentSession current) {
        this.service = service;
        this.setupIntents = setupIntents;
        this.current = current;
    }

    @Override
    public SetupIntentResponse createCardSetupIntent() {
        return toApi(setupIntents.startCardSetup(current.accountId()));
    }

    @Override
    public SetupIntentResponse createUsBankSetupIntent() {
        return toApi(setupIntents.startUsBankSetup(current.accountId()));
    }

    @Override
    public VerifyMicrodepositsResponse verifyMicrodeposits(VerifyMicrodepositsRequest request) {
        StripeSetupIntent intent = setupIntents.verifyMicrodeposits(current.accountId(), request.getSetupIntentId(),
                request.getAmounts(), request.getDescriptorCode());
        return new VerifyMicrodepositsResponse(request.getSetupIntentId(), intent.status());
    }

    @Override
    public PaymentMethodList listPaymentMethods() {
        return toApi(service.list(current.accountId()));
    }

    @Override
    public PaymentMethodList setPaymentMethodPriority(PaymentMethodPriorityRequest request) {
        return toApi(service.reorder(current.accountId(), request.getPaymentMethodIds()));
    }

    @Override
    public Settings setDefaultPaymentMethod(DefaultPaymentMethodRequest request) {
        return SettingsController.toApi(service.makeDefault(current.accountId(), request.getPaymentMethodId()));
    }

    /**
     * The contract's route, except that {@code default} and {@code priority} are not ids: OpenAPI
     * matches its concrete paths {@code /payment-methods/default} and {@code /priority} before this
     * template, so DELETE (or GET) on them is a 405 whose {@code Allow} names POST only. Routed by
     * the bare template, they were taken for ids (DELETE answered 404, and 405s advertised DELETE).
     */
    @Override
    @Delete("/api/billing/payment-methods/{payment_method_id:(?!default$|priority$).+}")
    public HttpResponse<Void> deletePaymentMethod(String paymentMethodId) {
        service.remove(current.accountId(), paymentMethodId);
        return HttpResponse.noContent();
    }

    @Override
    public SetupIntentRefresh refreshSetupIntent(String setupIntentId) {
        SetupIntents.Refreshed refreshed = setupIntents.refresh(current.accountId(), setupIntentId);
        SetupIntentRefresh answer = new SetupIntentRefresh(refreshed.intent().id(), String.valueOf(refreshed.intent().status()));
        if (refreshed.paymentMethodId() != null) {
            toApi(service.list(current.accountId())).getData().stream().filter(m -> m.getId().equals(refreshed.paymentMethodId()))
                    .findFirst().ifPresent(answer::paymentMethod);
        }
        return answer;
    }

    private static SetupIntentResponse toApi(StripeSetupIntent intent) {
        return new SetupIntentResponse(intent.id(), intent.clientSecret());
    }

    /** Priorities are shown as 1..n in fallback order, whatever the stored ranks are. */
    private static PaymentMethodList toApi(PaymentMethodsService.Listing listing) {
        List<PaymentMethod> data = new ArrayList<>();
        int priority = 1;
        for (StoredMethod m : listing.methods()) {
            data.add(MethodEvents.toApi(m, priority++, m.id().equals(listing.defaultId())));
        }
        return new PaymentMethodList(data);
    }
}
