package dev.ledgerline.webhooks;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.ledger.EntryStatus;
import dev.ledgerline.ledger.EntryType;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.stripe.StripeGateway;
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
    public InboxStatus handle(Event event) {
        if (REFUNDED.equals(event.getType())) {
            return refunded(event, EventObjects.object(event, Charge.class));
        }
        return disputed(event, EventObjects.object(event, Dispute.class));
    }

    private InboxStatus refunded(Event event, Charge charge) {
        Optional<Owner> owner = owner(charge.getPaymentIntent(), charge.getCustomer());
        if (owner.isEmpty() || !ledger.currency().equals(charge.getCurrency())) {
            LOG.info("Ignoring {} {}: charge {} is not one of our accounts' (or not in {})", event.getType(), event.getId(),
                    charge.getId(), ledger.currency());
            return InboxStatus.IGNORED;
        }
        List<Refund> refunds = charge.getRefunds() != null && charge.getRefunds().getData() != null
                && !Boolean.TRUE.equals(charge.getRefunds().getHasMore())
                ? charge.getRefunds().getData() : stripe.listRefunds(charge.getId());
        for (Refund refund : refunds) {
            if ("succeeded".equals(refund.getStatus()) || "pending".equals(refund.getStatus())) {
                post(owner.get(), "refund-" + refund.getId(), EntryType.REFUND, refund.getAmount(), "Refund " + refund.getId());
            }
        }
        return InboxStatus.PROCESSED;
    }

    private InboxStatus disputed(Event event, Dispute dispute) {
        Optional<Owner> owner = owner(dispute.getPaymentIntent(), null);
        if (owner.isEmpty() && dispute.getCharge() != null) {
            owner = owner(null, stripe.retrieveCharge(dispute.getCharge()).getCustomer());
        }
        if (owner.isEmpty() || !ledger.currency().equals(dispute.getCurrency())) {
            LOG.info("Ignoring {} {}: dispute {} is not one of our accounts' (or not in {})", event.getType(), event.getId(),
                    dispute.getId(), ledger.currency());
            return InboxStatus.IGNORED;
        }
        String status = dispute.getStatus() == null ? "" : dispute.getStatus();
        if (status.startsWith("warning_")) {
            return InboxStatus.PROCESSED; // an inquiry: no funds were withdrawn
        }
        post(owner.get(), "dispute-" + dispute.getId() + "-withdrawn", EntryType.DISPUTE, dispute.getAmount(),
                "Dispute " + dispute.getId() + ": funds withdrawn");
        if (DISPUTE_CLOSED.equals(event.getType()) && "won".equals(status)) {
            post(owner.get(), "dispute-" + dispute.getId() + "-reinstated", EntryType.DISPUTE, -dispute.getAmount(),
                    "Dispute " + dispute.getId() + " won: funds reinstated");
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
