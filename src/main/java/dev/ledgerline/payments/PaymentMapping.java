package dev.ledgerline.payments;

import java.time.ZoneOffset;

/** A payment as the API (and the events that report it) shows it. */
public final class PaymentMapping {

    private PaymentMapping() {
    }

    public static dev.ledgerline.api.model.Payment toApi(Payment p) {
        return new dev.ledgerline.api.model.Payment(p.id(), dev.ledgerline.api.model.PaymentKind.fromValue(p.kind().value()),
                p.amount(), p.currency(), dev.ledgerline.api.model.PaymentStatus.fromValue(p.status().value()),
                p.createdAt().atZone(ZoneOffset.UTC))
                .paymentMethodId(p.methodId()).stripePaymentIntentId(p.intentId()).failureMessage(p.failureMessage());
    }
}
