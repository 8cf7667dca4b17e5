package dev.ledgerline.documents;

import dev.ledgerline.accounts.Account;
import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.errors.Conflict;
import dev.ledgerline.errors.NotFound;
import dev.ledgerline.ledger.LedgerEntry;
import dev.ledgerline.ledger.LedgerRepo;
import dev.ledgerline.paymentmethods.MethodDetails;
import dev.ledgerline.paymentmethods.PaymentMethodRepo;
import dev.ledgerline.paymentmethods.StoredMethod;
import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentRepo;
import dev.ledgerline.payments.PaymentStatus;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The receipt of a succeeded payment, from the payment, its method and the account as stored. */
@Singleton
public class Receipts {

    private final PaymentRepo payments;
    private final PaymentMethodRepo methods;
    private final AccountRepo accounts;
    private final LedgerRepo ledger;
    private final PdfRenderer renderer;
    private final BusinessProperties business;

    public Receipts(PaymentRepo payments, PaymentMethodRepo methods, AccountRepo accounts, LedgerRepo ledger, PdfRenderer renderer,
                    BusinessProperties business) {
        this.payments = payments;
        this.methods = methods;
        this.accounts = accounts;
        this.ledger = ledger;
        this.renderer = renderer;
        this.business = business;
    }

    public byte[] pdf(String accountId, String paymentId) {
        return renderer.pdf("receipt", values(accountId, paymentId));
    }

    /** What the template is given; the receipt's text, for a test to compare with the PDF's. */
    Map<String, Object> values(String accountId, String paymentId) {
        Payment payment = payments.find(accountId, paymentId).orElseThrow(() -> new NotFound("No such payment."));
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            throw new Conflict("no_receipt", "Only a succeeded payment has a receipt; this one is " + payment.status().value() + ".");
        }
        Account account = accounts.find(accountId).orElseThrow(() -> new NotFound("No such account."));
        Map<String, Object> values = new HashMap<>();
        values.put("title", "Receipt " + payment.id());
        values.put("business", DocumentViews.business(business));
        values.put("account", DocumentViews.account(account));
        values.put("paymentId", payment.id());
        values.put("intentId", payment.intentId());
        // The payment's last write is the one that made it succeed: a succeeded payment never changes again.
        values.put("paidOn", DocumentDates.longDay(payment.updatedAt()));
        values.put("method", method(accountId, payment));
        values.put("description", description(accountId, payment));
        values.put("amount", Money.format(payment.amount(), payment.currency()));
        return values;
    }

    private String method(String accountId, Payment payment) {
        if (payment.methodId() == null) {
            return "Stripe Checkout";
        }
        return methods.find(accountId, payment.methodId()).map(StoredMethod::details).map(Receipts::describe)
                .orElse(payment.methodType() == null ? "Saved payment method" : label(payment.methodType()));
    }

    static String describe(MethodDetails details) {
        if ("card".equals(details.type())) {
            String brand = details.brand() == null ? "Card" : capitalized(details.brand());
            return details.last4() == null ? brand : brand + " ending in " + details.last4();
        }
        String bank = details.bankName() == null ? "Bank account" : details.bankName() + " account";
        return details.last4() == null ? bank : bank + " ending in " + details.last4();
    }

    private static String label(String methodType) {
        return "us_bank_account".equals(methodType) ? "Bank account" : capitalized(methodType);
    }

    private String description(String accountId, Payment payment) {
        return switch (payment.kind()) {
            case ONE_TIME -> payment.chargeEntryId() == null ? "One-time payment"
                    : ledger.find(accountId, payment.chargeEntryId()).map(LedgerRepo.Recorded::entry).map(LedgerEntry::description)
                            .orElse("One-time payment");
            case AUTOPAY -> "Automatic payment of the balance";
            case CHECKOUT -> "Payment of the balance (Checkout)";
            case BALANCE -> "Payment of the balance";
        };
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
