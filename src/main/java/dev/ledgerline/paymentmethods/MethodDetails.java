package dev.ledgerline.paymentmethods;

import dev.ledgerline.stripe.StripePaymentMethod;
import io.micronaut.core.annotation.Nullable;

/** What the panel shows of a method, copied from Stripe's PaymentMethod. */
public record MethodDetails(String type, @Nullable String brand, @Nullable String last4,
                            @Nullable Integer expMonth, @Nullable Integer expYear, @Nullable String bankName) {

    public static MethodDetails from(StripePaymentMethod pm) {
        // The type decides which details apply (a PaymentMethod object may carry other, empty sub-objects).
        if ("card".equals(pm.type()) && pm.card() != null) {
            StripePaymentMethod.Card card = pm.card();
            return new MethodDetails("card", card.brand(), card.last4(), card.expMonth(), card.expYear(), null);
        }
        if ("us_bank_account".equals(pm.type()) && pm.bank() != null) {
            StripePaymentMethod.BankAccount bank = pm.bank();
            return new MethodDetails("us_bank_account", null, bank.last4(), null, null, bank.bankName());
        }
        return new MethodDetails(pm.type(), null, null, null, null, null);
    }
}
