package dev.ledgerline.ledger;

import dev.ledgerline.audit.Audits;
import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.InvalidRequest;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.events.EventType;
import dev.ledgerline.events.NewEvent;
import dev.ledgerline.store.Ids;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Posting charges and reading the ledger. Every account bills in the service's currency
 * ({@code STRIPE_DEFAULT_CURRENCY}): the balance row is one number, never a sum across currencies.
 */
@Singleton
public class LedgerService {

    private final LedgerRepo ledger;
    private final Audits audits;
    private final Clock clock;
    private final String currency;
    /** How long an account stays past due before it is suspended (BILLING_STANDING_GRACE_PERIOD). */
    private final Duration standingGrace;

    public LedgerService(LedgerRepo ledger, Audits audits, Clock clock, StripeSettings stripe,
                         @Value("${billing.standing.grace-period:14d}") Duration standingGrace) {
        this.ledger = ledger;
        this.standingGrace = standingGrace;
        this.audits = audits;
        this.clock = clock;
        this.currency = stripe.defaultCurrency();
    }

    public String currency() {
        return currency;
    }

    public Balance balance(String accountId) {
        return ledger.balance(accountId, currency, clock.instant());
    }

    /** The balance as the API answers it, with the account's standing as of now. */
    public dev.ledgerline.api.model.Balance balanceView(String accountId) {
        Balance balance = balance(accountId);
        return LedgerMapping.toApi(balance, Standing.of(balance, clock.instant(), standingGrace));
    }

    public Page<LedgerEntry> page(String accountId, int limit, @Nullable String cursor) {
        return ledger.page(accountId, limit, cursor);
    }

    /** A test charge from the account's own session: every call is a new charge. */
    public LedgerEntry postDevCharge(String accountId, ChargeCommand charge) {
        return postCharge(accountId, Ids.newId("chg"), charge, false);
    }

    /**
     * A charge from another service. The entry id is derived from the idempotency key, so a repeat
     * returns the first entry; the same key with another body is a 409.
     */
    public LedgerEntry postIdempotentCharge(String accountId, String idempotencyKey, ChargeCommand charge) {
        return postCharge(accountId, Ids.derived("chg", accountId, idempotencyKey), charge, true);
    }

    private LedgerEntry postCharge(String accountId, String entryId, ChargeCommand charge, boolean accountFromPath) {
        requireCurrency(charge.currency());
        LedgerEntry entry = new LedgerEntry(entryId, EntryType.CHARGE, charge.amount(), charge.currency(), charge.description(),
                charge.settled() ? EntryStatus.SETTLED : EntryStatus.PENDING, null, clock.instant());
        return postIdempotent(accountId, entry, charge.fingerprint(), EventType.CHARGE_POSTED, accountFromPath, "charge", null);
    }

    /**
     * A credit from another service: a negative settled entry with its reason. Like a charge, the
     * entry id is derived from the idempotency key.
     */
    public LedgerEntry postCredit(String accountId, String idempotencyKey, long amount, @Nullable String requestedCurrency, String reason) {
        requireCurrency(requestedCurrency);
        LedgerEntry entry = new LedgerEntry(Ids.derived("crd", accountId, idempotencyKey), EntryType.CREDIT, -amount, currency, reason,
                EntryStatus.SETTLED, null, clock.instant());
        String fingerprint = dev.ledgerline.store.Hashes.sha256Hex("credit\n" + amount + "\n" + currency + "\n" + reason);
        return postIdempotent(accountId, entry, fingerprint, EventType.CREDIT_POSTED, true, "credit", reason);
    }

    private LedgerEntry postIdempotent(String accountId, LedgerEntry entry, String fingerprint, EventType event, boolean accountFromPath,
                                       String what, @Nullable String reason) {
        Posting posting = ledger.posting(accountId, currency, entry.createdAt()).entry(entry, fingerprint)
                .event(new NewEvent(event, LedgerMapping.toApi(entry)))
                .with("audit", audits.money(accountId, what + ".post", entry.id(), entry.amount(), entry.currency(), reason,
                        entry.createdAt()));
        if (accountFromPath) {
            posting.requireAccount();
        }
        try {
            ledger.commit(posting);
            return entry;
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, "account")) {
                throw new NotFound("No such account.");
            }
            if (!posting.failed(canceled, entry.id())) {
                throw canceled;
            }
            LedgerRepo.Recorded first = ledger.find(accountId, entry.id()).orElseThrow(() -> canceled);
            if (!Objects.equals(first.fingerprint(), fingerprint)) {
                throw new Conflict("idempotency_key_reused",
                        "This Idempotency-Key was already used for a different " + what + ".");
            }
            return first.entry();
        }
    }

    /**
     * Takes back a charge posted by mistake: an adjustment of the opposite sign, pending or settled
     * as the charge is, once per charge (a repeat returns it). A pending charge is either settled
     * or reversed, never both: each is conditional on the other not having been posted.
     */
    public LedgerEntry reverse(String accountId, String entryId, String reason) {
        LedgerEntry charge = ledger.find(accountId, entryId).map(LedgerRepo.Recorded::entry)
                .orElseThrow(() -> new NotFound("No such ledger entry."));
        if (charge.type() != EntryType.CHARGE || charge.amount() <= 0) {
            throw new Conflict("not_a_charge", "Only a charge can be reversed.");
        }
        if (charge.paymentId() != null) {
            throw new Conflict("charge_paid_by_payment", "This charge was paid by its own payment; refund the payment instead.");
        }
        LedgerEntry reversal = new LedgerEntry(entryId + "-reversed", EntryType.ADJUSTMENT, -charge.amount(), charge.currency(),
                "Reversed: " + charge.description() + " (" + reason + ")", charge.status(), null, clock.instant());
        Posting posting = ledger.posting(accountId, currency, reversal.createdAt()).entry(reversal, null)
                .event(new NewEvent(EventType.CHARGE_REVERSED, LedgerMapping.toApi(reversal)))
                .with("audit", audits.money(accountId, "charge.reverse", entryId, reversal.amount(), reversal.currency(), reason,
                        reversal.createdAt()));
        if (charge.status() == EntryStatus.PENDING) {
            posting.requireAbsent(entryId + "-release");
        }
        try {
            ledger.commit(posting);
            return reversal;
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, reversal.id())) {
                return ledger.find(accountId, reversal.id()).map(LedgerRepo.Recorded::entry).orElseThrow(() -> canceled);
            }
            if (posting.failed(canceled, "absent:" + entryId + "-release")) {
                throw new Conflict("charge_settled", "This pending charge was settled; reverse its settled entry " + entryId
                        + "-settled instead.");
            }
            throw canceled;
        }
    }

    /**
     * Moves a pending charge into the balance with a pair of entries in one transaction: one
     * releasing the pending amount, one adding it settled. A repeat returns the settled entry.
     */
    public LedgerEntry settle(String accountId, String entryId) {
        LedgerEntry pending = ledger.find(accountId, entryId).map(LedgerRepo.Recorded::entry)
                .orElseThrow(() -> new NotFound("No such ledger entry."));
        if (pending.type() != EntryType.CHARGE || pending.status() != EntryStatus.PENDING || pending.amount() <= 0) {
            throw new Conflict("not_pending_charge", "Only a pending charge can be settled.");
        }
        var now = clock.instant();
        LedgerEntry release = new LedgerEntry(entryId + "-release", EntryType.CHARGE, -pending.amount(), pending.currency(),
                "Settled: " + pending.description(), EntryStatus.PENDING, null, now);
        LedgerEntry settled = new LedgerEntry(entryId + "-settled", EntryType.CHARGE, pending.amount(), pending.currency(),
                pending.description(), EntryStatus.SETTLED, null, now);
        Posting posting = ledger.posting(accountId, currency, now).entry(release, null).entry(settled, null)
                .requireAbsent(entryId + "-reversed")
                .event(new NewEvent(EventType.CHARGE_SETTLED, LedgerMapping.toApi(settled)))
                .with("audit", audits.money(accountId, "charge.settle", entryId, settled.amount(), settled.currency(), null, now));
        try {
            ledger.commit(posting);
            return settled;
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, release.id())) {
                return ledger.find(accountId, settled.id()).map(LedgerRepo.Recorded::entry).orElseThrow(() -> canceled);
            }
            if (posting.failed(canceled, "absent:" + entryId + "-reversed")) {
                throw new Conflict("charge_reversed", "This pending charge was reversed; it cannot be settled.");
            }
            throw canceled;
        }
    }

    /**
     * Posts entries whose ids name their cause (a Stripe refund, a dispute stage, a payment), all
     * in one transaction, reported to the host as {@code event} with the first entry.
     *
     * @return false when that cause was already posted (nothing written)
     */
    public boolean postOnce(String accountId, EventType event, LedgerEntry first, LedgerEntry... more) {
        Posting posting = ledger.posting(accountId, currency, first.createdAt()).entry(first, null)
                .event(new NewEvent(event, LedgerMapping.toApi(first)));
        for (LedgerEntry entry : more) {
            posting.entry(entry, null);
        }
        try {
            ledger.commit(posting);
            return true;
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, first.id())) {
                return false;
            }
            throw canceled;
        }
    }

    /** Whether an entry with this id (its cause) was posted. */
    public boolean posted(String accountId, String entryId) {
        return ledger.posted(accountId, entryId);
    }

    public void requireCurrency(@Nullable String requested) {
        if (requested != null && !requested.equals(currency)) {
            throw new InvalidRequest("unsupported_currency", "currency: this service bills in " + currency + " only.");
        }
    }
}
