package dev.ledgerline.ledger;

import dev.ledgerline.events.NewEvent;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.store.TransactionCanceled;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One atomic change of an account's money: ledger entries, the balance row's matching change, and
 * whatever other items must change with them (a payment's status). {@link LedgerRepo#commit}
 * writes it as one {@code TransactWriteItems}, so {@code balance == sum(settled entries)} holds at
 * every moment. Each entry is written with a marker keyed by its id, conditional on the marker
 * being new: the same cause can never post twice, and a repeat fails as a whole with nothing
 * written. This class holds the rules (what changes by how much, which item is which); the
 * repository turns it into items. The events it reports to the host are written in the same
 * transaction (the outbox), after every other item.
 */
public final class Posting {

    /** What the transaction writes, in order: an entry is two items (marker, entry), the others one. */
    sealed interface Part permits EntryPart, OtherWrite, AccountCheck, AbsentEntry {
    }

    /** A condition that no entry was posted for this id (its cause): the other half of a choice between two. */
    record AbsentEntry(String entryId) implements Part {
    }

    record EntryPart(LedgerEntry entry, @Nullable String fingerprint) implements Part {
    }

    record OtherWrite(TableWrite write) implements Part {
    }

    record AccountCheck() implements Part {
    }

    private final String accountId;
    private final String currency;
    private final Instant now;
    private final List<Part> parts = new ArrayList<>();
    private final List<NewEvent> events = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private int items;
    private long balanceDelta;
    private Boolean pastDue;
    private long pendingChargesDelta;
    private long pendingPaymentsDelta;
    private Long expectedVersion;

    Posting(String accountId, String currency, Instant now) {
        this.accountId = accountId;
        this.currency = currency;
        this.now = now;
    }

    /** Appends an entry; {@code fingerprint} (optional) lets a repeat of its cause be told from a different request. */
    public Posting entry(LedgerEntry entry, @Nullable String fingerprint) {
        labels.put(entry.id(), items);
        add(new EntryPart(entry, fingerprint), 2);
        if (entry.status() == EntryStatus.SETTLED) {
            balanceDelta += entry.amount();
        } else {
            pendingChargesDelta += entry.amount();
        }
        return this;
    }

    public Posting pendingPayments(long delta) {
        pendingPaymentsDelta += delta;
        return this;
    }

    /**
     * Marks the account past due from now (true: a payment of the balance failed; the first
     * failure's time is kept) or in good standing again (false: one succeeded); see {@link Standing}.
     */
    public Posting pastDue(boolean value) {
        this.pastDue = value;
        return this;
    }

    @Nullable
    Boolean pastDue() {
        return pastDue;
    }

    /** Commits only if the balance row is still at {@code version} (0: the row does not exist yet). */
    public Posting requireVersion(long version) {
        this.expectedVersion = version;
        return this;
    }

    /** Commits only if the account exists (for callers that name it in a path, not a session). */
    public Posting requireAccount() {
        labels.put("account", items);
        return add(new AccountCheck(), 1);
    }

    /** Commits only if no entry was posted for {@code entryId}; {@link #failed} names it {@code absent:<entryId>}. */
    public Posting requireAbsent(String entryId) {
        labels.put("absent:" + entryId, items);
        return add(new AbsentEntry(entryId), 1);
    }

    /** Another item that changes together with the money, under {@code label} for {@link #failed}. */
    public Posting with(String label, TableWrite write) {
        labels.put(label, items);
        return add(new OtherWrite(write), 1);
    }

    /** An event for the host, recorded only if this posting commits. */
    public Posting event(NewEvent event) {
        events.add(event);
        return this;
    }

    /** Whether the item under {@code label} (an entry id, or a {@link #with} label) failed its condition. */
    public boolean failed(TransactionCanceled canceled, String label) {
        Integer index = labels.get(label);
        return index != null && canceled.failed(index);
    }

    /** Whether the balance row (always the last item) was no longer at the version required. */
    public boolean failedOnVersion(TransactionCanceled canceled) {
        return expectedVersion != null && canceled.failed(items);
    }

    /** The entries this posting writes, in order. */
    List<LedgerEntry> entries() {
        return parts.stream().filter(EntryPart.class::isInstance).map(p -> ((EntryPart) p).entry()).toList();
    }

    List<NewEvent> events() {
        return List.copyOf(events);
    }

    List<Part> parts() {
        return List.copyOf(parts);
    }

    String accountId() {
        return accountId;
    }

    String currency() {
        return currency;
    }

    Instant now() {
        return now;
    }

    long balanceDelta() {
        return balanceDelta;
    }

    long pendingChargesDelta() {
        return pendingChargesDelta;
    }

    long pendingPaymentsDelta() {
        return pendingPaymentsDelta;
    }

    @Nullable
    Long expectedVersion() {
        return expectedVersion;
    }

    private Posting add(Part part, int itemCount) {
        parts.add(part);
        items += itemCount;
        return this;
    }
}
