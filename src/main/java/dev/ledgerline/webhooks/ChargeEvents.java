package dev.ledgerline.webhooks;

import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.reversals.ChargeReversals;
import dev.ledgerline.stripe.StripeCharge;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeRefund;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * charge.refunded, charge.refund.updated, refund.* and charge.dispute.*: money leaving after one of our
 * payments, booked by {@link ChargeReversals} (the refund and dispute policy is there). Only charges
 * of our own payments are posted (found by their PaymentIntent); a charge we never made (a
 * subscription's invoice, say) is not ours, even for a customer that is.
 * <p>
 * The event only says that something changed: the refunds and the dispute are re-fetched from
 * Stripe before any money is booked, so a late or reordered event (a refund's creation arriving
 * after its failure, say) books what is true now, not what was true when the event was created.
 */
@Singleton
public class ChargeEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeEvents.class);
    static final String REFUNDED = "charge.refunded";
    static final String REFUND_UPDATED = "charge.refund.updated";

    private final PaymentRepo payments;
    private final LedgerService ledger;
    private final ChargeReversals reversals;
    private final StripeGateway stripe;

    public ChargeEvents(PaymentRepo payments, LedgerService ledger, ChargeReversals reversals, StripeGateway stripe) {
        this.payments = payments;
        this.ledger = ledger;
        this.reversals = reversals;
        this.stripe = stripe;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(REFUNDED, REFUND_UPDATED, "refund.created", "refund.updated", "refund.failed", "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
                "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated");
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        return switch (event.type()) {
            case REFUNDED -> refunded(event, event.object(StripeCharge.class));
            case REFUND_UPDATED, "refund.created", "refund.updated", "refund.failed" -> refundUpdated(event, event.object(StripeRefund.class));
            default -> disputed(event, event.object(StripeDispute.class));
        };
    }

    private InboxStatus refunded(StripeEvent event, StripeCharge charge) {
        Optional<Payment> payment = ours(charge.paymentIntent(), charge.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "charge " + charge.id());
        }
        stripe.listRefunds(charge.id()).forEach(refund -> reversals.applyRefund(payment.get(), refund));
        return InboxStatus.PROCESSED;
    }

    private InboxStatus refundUpdated(StripeEvent event, StripeRefund notified) {
        StripeRefund refund = stripe.retrieveRefund(notified.id());
        Optional<Payment> payment = ours(intentOf(refund.paymentIntent(), refund.charge()), refund.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "refund " + refund.id());
        }
        reversals.applyRefund(payment.get(), refund);
        return InboxStatus.PROCESSED;
    }

    private InboxStatus disputed(StripeEvent event, StripeDispute notified) {
        StripeDispute dispute = stripe.retrieveDispute(notified.id());
        Optional<Payment> payment = ours(intentOf(dispute.paymentIntent(), dispute.charge()), dispute.currency());
        if (payment.isEmpty()) {
            return notOurs(event, "dispute " + dispute.id());
        }
        reversals.applyDispute(payment.get(), dispute);
        return InboxStatus.PROCESSED;
    }

    private @Nullable String intentOf(@Nullable String paymentIntentId, @Nullable String chargeId) {
        return paymentIntentId != null || chargeId == null ? paymentIntentId : stripe.retrieveCharge(chargeId).paymentIntent();
    }

    /** Our payment that Stripe's PaymentIntent paid, when it is in the currency we bill in. */
    private Optional<Payment> ours(@Nullable String paymentIntentId, @Nullable String currency) {
        if (paymentIntentId == null || !ledger.currency().equals(currency)) {
            return Optional.empty();
        }
        return payments.findByIntent(paymentIntentId);
    }

    private static InboxStatus notOurs(StripeEvent event, String what) {
        LOG.info("Ignoring {} {}: {} is not of one of our payments (or not in our currency)", event.type(), event.id(), what);
        return InboxStatus.IGNORED;
    }
}
