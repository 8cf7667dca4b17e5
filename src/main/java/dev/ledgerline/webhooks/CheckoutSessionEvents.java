package dev.ledgerline.webhooks;

import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentAttempts;
import dev.ledgerline.payments.PaymentOutcomes;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeCheckoutSession;
import dev.ledgerline.stripe.StripeEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * checkout.session.*: the session's {@code client_reference_id} is the account and its metadata
 * names the payment. Paid on completion -> succeeded; completed but unpaid (an async method such
 * as ACH) -> processing until async_payment_succeeded/failed; expired -> canceled.
 */
@Singleton
public class CheckoutSessionEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutSessionEvents.class);

    private final PaymentRepo payments;
    private final PaymentOutcomes outcomes;

    public CheckoutSessionEvents(PaymentRepo payments, PaymentOutcomes outcomes) {
        this.payments = payments;
        this.outcomes = outcomes;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
                "checkout.session.async_payment_failed", "checkout.session.expired");
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        StripeCheckoutSession session = event.object(StripeCheckoutSession.class);
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
        String intent = session.paymentIntent();
        switch (event.type()) {
            case "checkout.session.completed" -> {
                if ("paid".equals(session.paymentStatus())) {
                    outcomes.succeed(payment, intent);
                } else if ("unpaid".equals(session.paymentStatus()) && intent != null) {
                    outcomes.processing(payment, intent);
                }
            }
            case "checkout.session.async_payment_succeeded" -> outcomes.succeed(payment, intent);
            case "checkout.session.async_payment_failed" -> outcomes.fail(payment, "The payment through Checkout failed.", intent);
            default -> outcomes.cancel(payment, "The Checkout page expired unpaid.", intent);
        }
        return InboxStatus.PROCESSED;
    }
}
