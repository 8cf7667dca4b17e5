package dev.ledgerline.payments;

import dev.ledgerline.paymentmethods.StoredMethod;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A new payment, named step by step: what it is for ({@link Payment#draft}), then either the
 * method it tries first with its reservation ({@link #charging}) or that the customer pays on a
 * page of Stripe's ({@link #awaitingCustomer}), and {@link #at} makes version 1.
 */
public final class PaymentDraft {

    private final String id;
    private final String accountId;
    private final PaymentKind kind;
    private final long amount;
    private final String currency;
    private PaymentStatus status = PaymentStatus.PROCESSING;
    private String methodId;
    private String methodType;
    private boolean reserved;
    private Instant lockedUntil;
    private String chargeEntryId;
    private String fingerprint;

    PaymentDraft(String id, String accountId, PaymentKind kind, long amount, String currency) {
        this.id = id;
        this.accountId = accountId;
        this.kind = kind;
        this.amount = amount;
        this.currency = currency;
    }

    /** Collected off-session from {@code first}: the amount is reserved, and failure news waits until {@code lockedUntil}. */
    public PaymentDraft charging(StoredMethod first, Instant lockedUntil) {
        this.status = PaymentStatus.PROCESSING;
        this.methodId = first.id();
        this.methodType = first.details().type();
        this.reserved = true;
        this.lockedUntil = lockedUntil;
        return this;
    }

    /**
     * The customer pays on a Stripe-hosted page: the amount is reserved while the page is open, so
     * autopay or pay-balance cannot collect the same due as well.
     */
    public PaymentDraft awaitingCustomer() {
        this.status = PaymentStatus.REQUIRES_ACTION;
        this.methodId = null;
        this.methodType = null;
        this.reserved = true;
        this.lockedUntil = null;
        return this;
    }

    /** Pays the charge entry posted with it (a one-time charge), which a failure reverses. */
    public PaymentDraft paysCharge(String entryId) {
        this.chargeEntryId = entryId;
        return this;
    }

    /** What the request asked for, so a reused Idempotency-Key with another request is told apart. */
    public PaymentDraft fingerprint(@Nullable String value) {
        this.fingerprint = value;
        return this;
    }

    public Payment at(Instant now) {
        String noIntentYet = null;
        String noCheckoutSessionYet = null;
        String noFailure = null;
        Instant firstLookAThresholdFromNow = null;
        return new Payment(id, accountId, kind, amount, currency, status, methodId, methodType, noIntentYet, noCheckoutSessionYet,
                noFailure, 1, reserved, chargeEntryId, fingerprint, lockedUntil, firstLookAThresholdFromNow, now, now, 1);
    }
}
