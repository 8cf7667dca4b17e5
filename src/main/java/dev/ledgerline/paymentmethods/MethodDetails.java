package dev.ledgerline.paymentmethods;

import com.stripe.model.PaymentMethod;
import io.micronaut.core.annotation.Nullable;

/** What the panel shows of a method, copied from Stripe's PaymentMethod. */
public record MethodDetails(String type, @Nullable String brand, @Nullable String last4,
                            @Nullable Integer expMonth, @Nullable Integer expYear, @Nullable String bankName) {

    public static MethodDetails from(PaymentMethod pm) {
        // The type decides which details apply (a PaymentMethod object may carry other, empty sub-objects).
        if ("card".equals(pm.getType()) && pm.getCard() != null) {
            PaymentMethod.Card card = pm.getCard();
            return new MethodDetails("card", card.getBrand(), card.getLast4(),
                    card.getExpMonth() == null ? null : card.getExpMonth().intValue(),
                    card.getExpYear() == null ? null : card.getExpYear().intValue(), null);
        }
        if ("us_bank_account".equals(pm.getType()) && pm.getUsBankAccount() != null) {
            PaymentMethod.UsBankAccount bank = pm.getUsBankAccount();
            return new MethodDetails("us_bank_account", null, bank.getLast4(), null, null, bank.getBankName());
        }
        return new MethodDetails(pm.getType(), null, null, null, null, null);
    }
}
