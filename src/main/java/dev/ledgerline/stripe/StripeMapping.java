package dev.ledgerline.stripe;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Copies stripe-java's objects into this service's records, so nothing outside {@code stripe/} sees the SDK. */
final class StripeMapping {

    private StripeMapping() {
    }

    /** Our record of {@code object}, or null for a kind of object no handler reads. */
    @Nullable
    static Object of(StripeObject object) {
        if (object instanceof PaymentIntent intent) {
            return paymentIntent(intent);
        } else if (object instanceof SetupIntent intent) {
            return setupIntent(intent);
        } else if (object instanceof PaymentMethod method) {
            return paymentMethod(method);
        } else if (object instanceof Session session) {
            return checkoutSession(session);
        } else if (object instanceof Charge charge) {
            return charge(charge);
        } else if (object instanceof Dispute dispute) {
            return dispute(dispute);
        } else if (object instanceof Subscription subscription) {
            return subscription(subscription);
        } else if (object instanceof com.stripe.model.Refund refund) {
            return refund(refund);
        }
        return null;
    }

    static StripePaymentIntent paymentIntent(PaymentIntent pi) {
        return new StripePaymentIntent(pi.getId(), pi.getStatus(), pi.getAmount(), pi.getCurrency(), metadata(pi.getMetadata()),
                pi.getLastPaymentError() == null ? null : pi.getLastPaymentError().getMessage(),
                pi.getAmountReceived(), pi.getClientSecret(), pi.getLastPaymentError() == null ? null : pi.getLastPaymentError().getCode());
    }

    static StripeSetupIntent setupIntent(SetupIntent si) {
        String failedMethod = si.getLastSetupError() != null && si.getLastSetupError().getPaymentMethod() != null
                ? si.getLastSetupError().getPaymentMethod().getId() : null;
        return new StripeSetupIntent(si.getId(), si.getStatus(), si.getCustomer(), si.getPaymentMethod(), si.getClientSecret(),
                si.getNextAction() == null ? null : si.getNextAction().getType(), failedMethod,
                si.getCreated() == null ? 0 : si.getCreated());
    }

    static StripePaymentMethod paymentMethod(PaymentMethod pm) {
        PaymentMethod.Card card = pm.getCard();
        PaymentMethod.UsBankAccount bank = pm.getUsBankAccount();
        return new StripePaymentMethod(pm.getId(), pm.getType(), pm.getCustomer(),
                card == null ? null : new StripePaymentMethod.Card(card.getBrand(), card.getLast4(),
                        card.getExpMonth() == null ? null : card.getExpMonth().intValue(),
                        card.getExpYear() == null ? null : card.getExpYear().intValue()),
                bank == null ? null : new StripePaymentMethod.BankAccount(bank.getBankName(), bank.getLast4()));
    }

    static StripeCheckoutSession checkoutSession(Session s) {
        return new StripeCheckoutSession(s.getId(), s.getUrl(), s.getStatus(), s.getPaymentStatus(), s.getClientReferenceId(),
                metadata(s.getMetadata()), s.getAmountTotal(), s.getPaymentIntent());
    }

    static StripeCharge charge(Charge charge) {
        return new StripeCharge(charge.getId(), charge.getPaymentIntent(), charge.getCustomer(), charge.getCurrency());
    }

    static StripeRefund refund(com.stripe.model.Refund refund) {
        return new StripeRefund(refund.getId(), refund.getStatus(), refund.getAmount() == null ? 0 : refund.getAmount(),
                refund.getCurrency(), refund.getCharge(), refund.getPaymentIntent(),
                refund.getMetadata() == null ? java.util.Map.of() : java.util.Map.copyOf(refund.getMetadata()));
    }

    static StripeDispute dispute(Dispute d) {
        return new StripeDispute(d.getId(), d.getPaymentIntent(), d.getCharge(), d.getCurrency(), d.getStatus(),
                d.getAmount() == null ? 0 : d.getAmount());
    }

    static StripeSubscription subscription(Subscription subscription) {
        List<SubscriptionItem> items = subscription.getItems() == null ? null : subscription.getItems().getData();
        SubscriptionItem first = items == null || items.isEmpty() ? null : items.get(0);
        String priceId = first == null || first.getPrice() == null ? null : first.getPrice().getId();
        Instant periodEnd = first == null || first.getCurrentPeriodEnd() == null ? null : Instant.ofEpochSecond(first.getCurrentPeriodEnd());
        return new StripeSubscription(subscription.getId(), subscription.getCustomer(), subscription.getStatus(), priceId, periodEnd,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()));
    }

    private static Map<String, String> metadata(@Nullable Map<String, String> metadata) {
        return metadata == null ? Map.of() : metadata;
    }
}
