package dev.ledgerline.ledger;

import dev.ledgerline.api.model.LedgerEntryStatus;
import dev.ledgerline.api.model.LedgerEntryType;
import dev.ledgerline.api.model.ChargeRequest;

import java.time.ZoneOffset;

/** Between the ledger's records and the generated API models, for the controllers that show them. */
public final class LedgerMapping {

    private LedgerMapping() {
    }

    public static dev.ledgerline.api.model.LedgerEntry toApi(LedgerEntry entry) {
        return new dev.ledgerline.api.model.LedgerEntry(entry.id(), LedgerEntryType.fromValue(entry.type().value()), entry.amount(),
                entry.currency(), entry.description(), LedgerEntryStatus.fromValue(entry.status().value()),
                entry.createdAt().atZone(ZoneOffset.UTC)).paymentId(entry.paymentId());
    }

    public static dev.ledgerline.api.model.Balance toApi(Balance balance, Standing standing) {
        return new dev.ledgerline.api.model.Balance(balance.currency(), balance.balance(), balance.due(), balance.pendingCharges(),
                balance.pendingPayments(), balance.updatedAt().atZone(ZoneOffset.UTC),
                dev.ledgerline.api.model.AccountStanding.fromValue(standing.kind().value()))
                .pastDueSince(standing.pastDueSince() == null ? null : standing.pastDueSince().atZone(ZoneOffset.UTC))
                .suspendsAt(standing.suspendsAt() == null ? null : standing.suspendsAt().atZone(ZoneOffset.UTC));
    }

    public static ChargeCommand fromApi(ChargeRequest request, String defaultCurrency) {
        return new ChargeCommand(request.getAmount(), request.getCurrency() == null ? defaultCurrency : request.getCurrency(),
                request.getDescription(), request.getSettled() == null || request.getSettled());
    }
}
