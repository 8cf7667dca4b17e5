package dev.ledgerline.payments;

import dev.ledgerline.errors.Conflict;
import dev.ledgerline.store.Hashes;
import dev.ledgerline.store.Ids;
import io.micronaut.core.annotation.Nullable;

import java.util.Objects;
import java.util.Optional;

/**
 * A paying request's identity: the payment id (derived from the Idempotency-Key when there is one,
 * so a repeat or a racing twin lands on the same payment) and a fingerprint of what it asked for,
 * so the same key with another request is a 409.
 */
record PaymentRequest(String accountId, PaymentKind kind, String paymentId, String fingerprint, boolean keyed) {

    static PaymentRequest of(String accountId, PaymentKind kind, @Nullable String idempotencyKey, Object... asked) {
        String paymentId = idempotencyKey == null ? Ids.newId("pay") : Ids.derived("pay", accountId, kind.value(), idempotencyKey);
        StringBuilder content = new StringBuilder(kind.value());
        for (Object part : asked) {
            content.append('\n').append(Objects.toString(part, ""));
        }
        return new PaymentRequest(accountId, kind, paymentId, Hashes.sha256Hex(content.toString()), idempotencyKey != null);
    }

    /** The payment this request makes, for {@code amount} in {@code currency}. */
    PaymentDraft draft(long amount, String currency) {
        return Payment.draft(paymentId, accountId, kind, amount, currency).fingerprint(fingerprint);
    }

    /** The payment an earlier request with the same key made, if any. */
    Optional<Payment> earlier(PaymentRepo payments) {
        return keyed ? payments.find(accountId, paymentId).map(this::repeat) : Optional.empty();
    }

    /** {@code existing}, if it was made by the same request; else the key was reused for another one. */
    Payment repeat(Payment existing) {
        if (!Objects.equals(existing.fingerprint(), fingerprint)) {
            throw new Conflict("idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
        }
        return existing;
    }
}
