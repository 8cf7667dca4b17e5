package dev.ledgerline.ledger;

import dev.ledgerline.config.StripeSettings;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.InvalidRequest;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.store.Ids;
import dev.ledgerline.store.Page;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Objects;

/**
 * Posting charges and reading the ledger. Every account bills in the service's currency
 * ({@code STRIPE_DEFAULT_CURRENCY}): the balance row is one number, never a sum across currencies.
 */
@Singleton
public class LedgerService {

    private final LedgerRepo ledger;
    private final Clock clock;
    private final String currency;

    public LedgerService(LedgerRepo ledger, Clock clock, StripeSettings stripe) {
        this.ledger = ledger;
        this.clock = clock;
        this.currency = stripe.defaultCurrency();
    }

    public String currency() {
        return currency;
    }

    public Balance balance(String accountId) {
        return ledger.balance(accountId, currency, clock.instant());
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
        Posting posting = ledger.posting(accountId, currency, entry.createdAt()).entry(entry, charge.fingerprint());
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
            if (!posting.failed(canceled, entryId)) {
                throw canceled;
            }
            LedgerRepo.Recorded first = ledger.find(accountId, entryId).orElseThrow(() -> canceled);
            if (!Objects.equals(first.fingerprint(), charge.fingerprint())) {
                throw new Conflict("idempotency_key_reused",
                        "This Idempotency-Key was already used for a different charge.");
            }
            return first.entry();
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
        Posting posting = ledger.posting(accountId, currency, now).entry(release, null).entry(settled, null);
        try {
            ledger.commit(posting);
            return settled;
        } catch (TransactionCanceled canceled) {
            if (posting.failed(canceled, release.id())) {
                return ledger.find(accountId, settled.id()).map(LedgerRepo.Recorded::entry).orElseThrow(() -> canceled);
            }
            throw canceled;
        }
    }

    /**
     * Posts entries whose ids name their cause (a Stripe refund, a dispute stage, a payment), all
     * in one transaction.
     *
     * @return false when that cause was already posted (nothing written)
     */
    public boolean postOnce(String accountId, LedgerEntry first, LedgerEntry... more) {
        Posting posting = ledger.posting(accountId, currency, first.createdAt()).entry(first, null);
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
