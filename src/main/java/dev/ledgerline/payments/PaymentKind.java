package dev.ledgerline.payments;

import java.util.Locale;

public enum PaymentKind {
    BALANCE, ONE_TIME, CHECKOUT, AUTOPAY;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
