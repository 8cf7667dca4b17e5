package dev.ledgerline.webhooks;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeGateway;
import dev.ledgerline.stripe.StripeCharge;
import dev.ledgerline.stripe.StripeDispute;
import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeRefund;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * charge.refunded and charge.dispute.*: money leaving after a payment. A refund gives money back,
 * so it adds to what is owed (positive); a dispute withdraws the funds (positive) and a won dispute
 * reinstates them (negative). Entry ids are the refund's and dispute's own ids plus the stage, so
 * repeated, cumulative or shuffled events post each exactly once: a closed dispute that arrives
 * before its created event posts the withdrawal too, and the late created event finds it done.
 */
@Singleton
public class ChargeEvents implements StripeEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChargeEvents.class);
    static final String REFUNDED = "charge.refunded";
    static final String DISPUTE_CREATED = "charge.dispute.created";
    static final String DISPUTE_CLOSED = "charge.dispute.closed";

    private final PaymentRepo payments;
    private final AccountRepo accounts;
    private final LedgerService ledger;
    private final StripeGateway stripe;
    private final Clock clock;

    public ChargeEvents(PaymentRepo payments, AccountRepo accounts, LedgerService ledger, StripeGateway stripe, Clock clock) {
        this.payments = payments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.stripe = stripe;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(REFUNDED, DISPUTE_CREATED, DISPUTE_CLOSED);
    }

    private record Owner(String accountId, @Nullable String paymentId) {
    }

    @Override
    public InboxStatus handle(StripeEvent event) {
        if (REFUNDED.equals(event.type())) {
            return refunded(event, event.object(StripeCharge.class));
        }
        return disputed(event, event.object(StripeDispute.class));
    }

    private InboxStatus refunded(StripeEvent event, StripeCharge charge) {
        Optional<Owner> owner = owner(charge.paymentIntent(), charge.customer());
        if (owner.isEmpty() || !ledger.currency().equals(charge.currency())) {
            LOG.info("Ignoring {} {}: charge {} is not one of our accounts' (or not in {})", event.type(), event.id(),
                    charge.id(), ledger.currency());
            return InboxStatus.IGNORED;
        }
        List<StripeRefund> refunds = charge.refunds() != null ? charge.refunds() : stripe.listRefunds(charge.id());
        for (StripeRefund refund : refunds) {
            if ("succeeded".equals(refund.status()) || "pending".equals(refund.status())) {
                post(owner.get(), "refund-" + refund.id(), EntryType.REFUND, refund.amount(), "Refund " + refund.id());
            }
        }
        return InboxStatus.PROCESSED;
    }

    private InboxStatus disputed(StripeEvent event, StripeDispute dispute) {
        Optional<Owner> owner = owner(dispute.paymentIntent(), null);
        if (owner.isEmpty() && dispute.charge() != null) {
            owner = owner(null, stripe.retrieveCharge(dispute.charge()).customer());
        }
        if (owner.isEmpty() || !ledger.currency().equals(dispute.currency())) {
            LOG.info("Ignoring {} {}: dispute {} is not one of our accounts' (or not in {})", event.type(), event.id(),
                    dispute.id(), ledger.currency());
            return InboxStatus.IGNORED;
        }
        String status = dispute.status() == null ? "" : dispute.status();
        if (status.startsWith("warning_")) {
            return InboxStatus.PROCESSED; // an inquiry: no funds were withdrawn
        }
        post(owner.get(), "dispute-" + dispute.id() + "-withdrawn", EntryType.DISPUTE, dispute.amount(),
                "Dispute " + dispute.id() + ": funds withdrawn");
        if (DISPUTE_CLOSED.equals(event.type()) && "won".equals(status)) {
            post(owner.get(), "dispute-" + dispute.id() + "-reinstated", EntryType.DISPUTE, -dispute.amount(),
                    "Dispute " + dispute.id() + " won: funds reinstated");
        }
        return InboxStatus.PROCESSED;
    }

    private void post(Owner owner, String entryId, EntryType type, long amount, String description) {
        boolean posted = ledger.postOnce(owner.accountId(), new LedgerEntry(entryId, type, amount, ledger.currency(), description,
                EntryStatus.SETTLED, owner.paymentId(), clock.instant()));
        LOG.info("{} {} for account {}", posted ? "Posted" : "Already posted", entryId, owner.accountId());
    }

    private Optional<Owner> owner(@Nullable String paymentIntentId, @Nullable String customerId) {
        if (paymentIntentId != null) {
            Optional<Payment> payment = payments.findByIntent(paymentIntentId);
            if (payment.isPresent()) {
                return Optional.of(new Owner(payment.get().accountId(), payment.get().id()));
            }
        }
        return Optional.ofNullable(customerId).flatMap(accounts::accountIdForCustomer).map(account -> new Owner(account, null));
    }
}
