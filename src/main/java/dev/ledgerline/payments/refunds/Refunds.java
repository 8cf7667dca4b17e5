package dev.ledgerline.payments.refunds;

import dev.ledgerline.audit.Audits;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.errors.Unprocessable;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.PaymentStatus;
import dev.ledgerline.payments.reversals.ChargeReversals;
import dev.ledgerline.store.Hashes;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripePaymentIntent;
import dev.ledgerline.stripe.StripeRefund;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Refunds the host asks for. Stripe is asked what is left to refund (captured minus what its
 * refunds already give back) before anything is recorded, so an over-refund changes nothing; the
 * request is recorded with its audit record before Stripe is called, and Stripe's call carries a
 * key derived from the host's, so a retry after a failure or a lost answer makes no second refund.
 * The refund is booked through the same code as the webhooks (once, whichever comes first), with
 * the host's choice read from the refund's metadata on every path.
 */
@Singleton
public class Refunds {

    /** A refund and how it is booked. */
    public record Refunded(StripeRefund refund, String paymentId, String currency, boolean owedAgain) {
    }

    private final PaymentRepo payments;
    private final RefundRequestRepo requests;
    private final StripeGateway stripe;
    private final ChargeReversals reversals;
    private final Audits audits;
    private final Clock clock;

    public Refunds(PaymentRepo payments, RefundRequestRepo requests, StripeGateway stripe, ChargeReversals reversals, Audits audits,
                   Clock clock) {
        this.payments = payments;
        this.requests = requests;
        this.stripe = stripe;
        this.reversals = reversals;
        this.audits = audits;
        this.clock = clock;
    }

    public Refunded refund(String paymentId, String idempotencyKey, @Nullable Long amount, String reason, boolean owedAgain) {
        Payment payment = payments.findById(paymentId).orElseThrow(() -> new NotFound("No such payment."));
        if (payment.status() != PaymentStatus.SUCCEEDED || payment.intentId() == null) {
            throw new Conflict("payment_not_refundable", "Only a succeeded payment can be refunded; this one is " + payment.status().value() + ".");
        }
        String keyHash = Hashes.sha256Hex(idempotencyKey).substring(0, 32);
        String fingerprint = Hashes.sha256Hex(amount + "\n" + owedAgain + "\n" + reason);
        Optional<RefundRequestRepo.Recorded> earlier = requests.find(payment.accountId(), paymentId, keyHash);
        if (earlier.isEmpty()) {
            long left = leftToRefund(payment);
            long asked = amount != null ? amount : left;
            if (asked <= 0 || asked > left) {
                throw new Unprocessable("refund_exceeds_payment", "At most " + left + " (minor units) of this payment is left to refund.");
            }
            boolean recorded = requests.create(payment.accountId(), paymentId, keyHash, asked, fingerprint, clock.instant(),
                    audits.money(payment.accountId(), "refund.create", paymentId, asked, payment.currency(), reason, clock.instant()));
            earlier = recorded ? Optional.of(new RefundRequestRepo.Recorded(asked, fingerprint, null))
                    : requests.find(payment.accountId(), paymentId, keyHash);
        }
        RefundRequestRepo.Recorded request = earlier.orElseThrow();
        if (!request.fingerprint().equals(fingerprint)) {
            throw new Conflict("idempotency_key_reused", "This Idempotency-Key was already used for a different refund.");
        }
        StripeRefund refund = request.refundId() != null ? stripe.retrieveRefund(request.refundId())
                : stripe.createRefund(payment.intentId(), request.amount(), metadata(payment, owedAgain),
                "refund:" + paymentId + ":" + keyHash);
        if (request.refundId() == null) {
            requests.recordRefund(payment.accountId(), paymentId, keyHash, refund.id());
        }
        reversals.applyRefund(payment, refund);
        return new Refunded(refund, paymentId, refund.currency() != null ? refund.currency() : payment.currency(),
                ChargeReversals.BALANCE_OWED.equals(refund.metadata().get(ChargeReversals.BALANCE_METADATA)));
    }

    /** What Stripe captured for the payment minus what its refunds give back (or are giving back). */
    private long leftToRefund(Payment payment) {
        StripePaymentIntent intent = stripe.retrievePaymentIntent(payment.intentId());
        long captured = intent.amountReceived() != null && intent.amountReceived() > 0 ? intent.amountReceived() : payment.amount();
        long refunded = stripe.listRefundsOfIntent(payment.intentId()).stream()
                .filter(r -> !ChargeReversals.failed(r))
                .mapToLong(StripeRefund::amount).sum();
        return Math.max(0, captured - refunded);
    }

    private static Map<String, String> metadata(Payment payment, boolean owedAgain) {
        return Map.of(StripeGateway.ACCOUNT_METADATA, payment.accountId(), dev.ledgerline.payments.PaymentAttempts.PAYMENT_METADATA, payment.id(),
                ChargeReversals.BALANCE_METADATA, owedAgain ? ChargeReversals.BALANCE_OWED : "unchanged");
    }
}
