package dev.ledgerline.webhooks;

import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentAttempts;
import dev.ledgerline.payments.checkout.CheckoutSettlement;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeCheckoutSession;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeGateway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * checkout.session.*: the session's {@code client_reference_id} is the account and its metadata
 * names the payment. The session is re-fetched from Stripe and settled by {@link CheckoutSettlement}:
 * paid -> succeeded; completed but unpaid (an async method such as ACH) -> processing until its
 * intent clears or fails; expired -> canceled.
 */
@Singleton
public class CheckoutSessionEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutSessionEvents.class);

    private final PaymentRepo payments;
    private final CheckoutSettlement settlement;
    private final StripeGateway stripe;

    public CheckoutSessionEvents(PaymentRepo payments, CheckoutSettlement settlement, StripeGateway stripe) {
        this.payments = payments;
        this.settlement = settlement;
        this.stripe = stripe;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
                "checkout.session.async_payment_failed", "checkout.session.expired");
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        // Re-fetched: a late "completed" after the page expired, or one whose async payment has since failed, applies what is true now.
        StripeCheckoutSession session = stripe.retrieveCheckoutSession(event.object(StripeCheckoutSession.class).id());
        Map<String, String> metadata = session.metadata();
        String paymentId = metadata.get(PaymentAttempts.PAYMENT_METADATA);
        Optional<Payment> found = session.clientReferenceId() == null || paymentId == null
                ? Optional.empty() : payments.find(session.clientReferenceId(), paymentId);
        if (found.isEmpty() || !session.id().equals(found.get().checkoutSessionId()) && found.get().checkoutSessionId() != null) {
            LOG.info("Ignoring {} {}: Checkout Session {} is not one of our payments", event.type(), event.id(), session.id());
            return InboxStatus.IGNORED;
        }
        Payment payment = found.get();
        if (session.amountTotal() != null && session.amountTotal() != payment.amount()) {
            LOG.error("Checkout Session {} is for {} but payment {} is for {}; not applied", session.id(), session.amountTotal(),
                    payment.id(), payment.amount());
            return InboxStatus.IGNORED;
        }
        settlement.settle(payment, session);
        return InboxStatus.PROCESSED;
    }
}
