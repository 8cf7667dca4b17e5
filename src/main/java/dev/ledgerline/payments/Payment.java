package dev.ledgerline.payments;

import dev.ledgerline.errors.Unprocessable;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * Every attempt to collect money. {@code reserved}: the amount is counted in the balance's
 * {@code pendingPayments} (so {@code due} excludes it) until the payment ends. {@code lockedUntil}:
 * the request that created it is still trying methods; failure news waits until then.
 * {@code lookAfter}: when the janitor asks Stripe about it again, set by the janitor alone; any
 * other write clears it, so the next look is a threshold after that write.
 * {@code version} grows with each write, and each write is conditional on the version read.
 */
public record Payment(
        String id,
        String accountId,
        PaymentKind kind,
        long amount,
        String currency,
        PaymentStatus status,
        @Nullable String methodId,
        @Nullable String methodType,
        @Nullable String intentId,
        @Nullable String checkoutSessionId,
        @Nullable String failureMessage,
        int attempt,
        boolean reserved,
        @Nullable String chargeEntryId,
        @Nullable String fingerprint,
        @Nullable Instant lockedUntil,
        @Nullable Instant lookAfter,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /**
     * The most one payment can take: the contract's {@code Amount} maximum, and Stripe's limit for
     * one charge in USD (99,999,999 cents). A balance may grow past it (ledger entries are larger),
     * but no payment is made for more.
     */
    public static final long MAX_AMOUNT = 99_999_999L;

    /**
     * Stripe's smallest charge per currency, in minor units (Stripe's "minimum and maximum charge
     * amounts"); a currency not listed here is taken as 50. Stripe refuses anything smaller, so
     * asking would only fail, and autopay would retry it forever.
     */
    private static final Map<String, Long> MIN_AMOUNTS = Map.ofEntries(
            Map.entry("usd", 50L), Map.entry("aed", 200L), Map.entry("aud", 50L), Map.entry("bgn", 100L), Map.entry("brl", 50L),
            Map.entry("cad", 50L), Map.entry("chf", 50L), Map.entry("czk", 1500L), Map.entry("dkk", 250L), Map.entry("eur", 50L),
            Map.entry("gbp", 30L), Map.entry("hkd", 400L), Map.entry("huf", 17500L), Map.entry("inr", 50L), Map.entry("jpy", 50L),
            Map.entry("mxn", 1000L), Map.entry("myr", 200L), Map.entry("nok", 300L), Map.entry("nzd", 50L), Map.entry("pln", 200L),
            Map.entry("ron", 200L), Map.entry("sek", 300L), Map.entry("sgd", 50L), Map.entry("thb", 1000L));

    public static long minimumCharge(String currency) {
        return MIN_AMOUNTS.getOrDefault(currency, 50L);
    }

    /** Refuses an amount Stripe would refuse as too small (422 amount_below_minimum). */
    public static void requireChargeable(long amount, String currency) {
        long minimum = minimumCharge(currency);
        if (amount < minimum) {
            throw new Unprocessable("amount_below_minimum", "Stripe charges at least " + minimum + " minor units of " + currency
                    + " at once; " + amount + " is less. It stays due until more is added.");
        }
    }

    /** Refuses to make one payment of a balance larger than {@link #MAX_AMOUNT} (422 amount_too_large). */
    public static long payableInOne(long due, String howToPayInParts) {
        if (due > MAX_AMOUNT) {
            throw new Unprocessable("amount_too_large",
                    "The amount due is more than one payment can take (" + MAX_AMOUNT + " minor units); " + howToPayInParts);
        }
        return due;
    }

    /** A new payment of {@code amount} for {@code accountId}; the draft's steps say how it is paid. */
    public static PaymentDraft draft(String id, String accountId, PaymentKind kind, long amount, String currency) {
        return new PaymentDraft(id, accountId, kind, amount, currency);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** A copy to change; {@link Change#at} makes it the next version. */
    public Change change() {
        return new Change(this);
    }

    public static final class Change {
        private final Payment from;
        private PaymentStatus status;
        private String methodId;
        private String methodType;
        private String intentId;
        private String checkoutSessionId;
        private String failureMessage;
        private int attempt;
        private boolean reserved;
        private Instant lockedUntil;
        /** Not carried over: only the janitor's own write keeps it. */
        private Instant lookAfter;

        private Change(Payment from) {
            this.from = from;
            this.status = from.status;
            this.methodId = from.methodId;
            this.methodType = from.methodType;
            this.intentId = from.intentId;
            this.checkoutSessionId = from.checkoutSessionId;
            this.failureMessage = from.failureMessage;
            this.attempt = from.attempt;
            this.reserved = from.reserved;
            this.lockedUntil = from.lockedUntil;
        }

        public Change status(PaymentStatus next) {
            if (!from.status.canBecome(next) && from.status != next) {
                throw new IllegalStateException("Payment " + from.id + " cannot go from " + from.status + " to " + next);
            }
            this.status = next;
            return this;
        }

        public Change method(String id, String type, int attemptNumber) {
            this.methodId = id;
            this.methodType = type;
            this.attempt = attemptNumber;
            return this;
        }

        public Change intent(@Nullable String id) {
            if (id != null) {
                this.intentId = id;
            }
            return this;
        }

        public Change checkoutSession(String id) {
            this.checkoutSessionId = id;
            return this;
        }

        public Change failure(@Nullable String message) {
            this.failureMessage = message;
            return this;
        }

        public Change reserved(boolean value) {
            this.reserved = value;
            return this;
        }

        public Change lockedUntil(@Nullable Instant until) {
            this.lockedUntil = until;
            return this;
        }

        /** The janitor's next look (see {@link Payment#lookAfter}). */
        public Change lookAfter(Instant when) {
            this.lookAfter = when;
            return this;
        }

        public Payment at(Instant now) {
            boolean open = !status.isTerminal();
            return new Payment(from.id, from.accountId, from.kind, from.amount, from.currency, status, methodId, methodType, intentId,
                    checkoutSessionId, failureMessage, attempt, reserved, from.chargeEntryId, from.fingerprint,
                    open ? lockedUntil : null, open ? lookAfter : null, from.createdAt, now, from.version + 1);
        }
    }
}
