package dev.ledgerline.audit;

import dev.ledgerline.store.Ids;
import dev.ledgerline.store.TableWrite;
import dev.ledgerline.web.RequestActor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Records who did what, for the transaction of the change: the actor and request id come from
 * the request being served, so callers say only what was done.
 */
@Singleton
public class Audits {

    private final AuditRepo repo;

    public Audits(AuditRepo repo) {
        this.repo = repo;
    }

    /** The record of an action that moved money ({@code amount} in minor units, signed as the ledger has it). */
    public TableWrite money(String accountId, String action, String target, long amount, String currency, @Nullable String reason,
                            Instant at) {
        return repo.put(new AuditRecord(Ids.newId("aud"), accountId, RequestActor.current(), action, target, amount, currency, reason,
                RequestActor.requestId().orElse(null), at));
    }

    /** The record of a change of settings (no money moved). */
    public TableWrite change(String accountId, String action, String target, @Nullable String reason, Instant at) {
        return repo.put(new AuditRecord(Ids.newId("aud"), accountId, RequestActor.current(), action, target, null, null, reason,
                RequestActor.requestId().orElse(null), at));
    }
}
