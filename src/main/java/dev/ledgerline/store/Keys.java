package dev.ledgerline.store;

/**
 * Every key prefix of the single table, defined once. Items are addressed by {@code PK} and
 * {@code SK}; the README's "Table design" section lists them with their attributes.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    /** Epoch seconds; DynamoDB's TTL deletes the item some time after it passes. */
    public static final String TTL = "ttl";

    private Keys() {
    }

    public static String user(String normalizedEmail) {
        return "USER#" + normalizedEmail;
    }

    public static final String USER_SK = "USER";

    public static String account(String accountId) {
        return "ACCT#" + accountId;
    }

    public static final String ACCOUNT_SK = "ACCOUNT";

    public static String session(String sessionId) {
        return "SESSION#" + sessionId;
    }

    public static final String SESSION_SK = "SESSION";

    public static String loginFailures(String normalizedEmail) {
        return "LOGINFAIL#" + normalizedEmail;
    }

    public static final String LOGIN_FAILURES_SK = "LOGINFAIL";

    /** Maps a Stripe customer to our account with a strongly consistent read (a GSI would lag). */
    public static String stripeCustomer(String customerId) {
        return "STRIPECUS#" + customerId;
    }

    public static final String STRIPE_CUSTOMER_SK = "CUSTOMER";

    public static final String SETTINGS_SK = "SETTINGS";

    public static final String PAYMENT_METHOD_SK_PREFIX = "PM#";

    public static String paymentMethod(String paymentMethodId) {
        return PAYMENT_METHOD_SK_PREFIX + paymentMethodId;
    }

    /** A SetupIntent this account created: proves ownership before verifying microdeposits. */
    public static String setupIntent(String setupIntentId) {
        return "SETI#" + setupIntentId;
    }

    public static String stripeEvent(String eventId) {
        return "EVT#" + eventId;
    }

    public static final String STRIPE_EVENT_SK = "EVENT";

    /** How far the missed-event sweeper has read Stripe's event list (one item for the deployment). */
    public static final String SWEEPER_PK = "SWEEPER";
    public static final String SWEEPER_SK = "CHECKPOINT";

    /** The latest service-wide reconciliation report (one item for the deployment). */
    public static final String RECONCILIATION_PK = "RECONCILIATION";
    public static final String RECONCILIATION_LATEST_SK = "LATEST";

    /** The account's balance row: balance, pendingCharges, pendingPayments, version. */
    public static final String BALANCE_SK = "BALANCE";

    public static final String LEDGER_SK_PREFIX = "LEDGER#";

    /** Ledger entries sort by creation time, so newest-first is a reverse query on the main table. */
    public static String ledgerEntry(String createdAt, String entryId) {
        return LEDGER_SK_PREFIX + createdAt + "#" + entryId;
    }

    /** One per entry id (its cause): written with the entry, so the same cause can never post twice. */
    public static String entryMarker(String entryId) {
        return "ENTRY#" + entryId;
    }

    public static final String PAYMENT_SK_PREFIX = "PAY#";

    public static String payment(String paymentId) {
        return PAYMENT_SK_PREFIX + paymentId;
    }

    /** GSI2 partition listing an account's payments newest first ({@code GSI2SK=<createdAt>#<paymentId>}). */
    public static String paymentsOf(String accountId) {
        return "PAYMENTS#" + accountId;
    }

    /**
     * GSI1 partition of payments still open in this status, one per shard of the accounts, for the
     * janitor ({@code GSI1SK=<lookAfter>#<accountId>#<paymentId>}). Sharded so that the writes of
     * open payments are not capped by one partition, and each instance works its share.
     */
    public static String openPayments(String status, int shard) {
        return legacyOpenPayments(status) + "#" + shard;
    }

    /** The unsharded partition of open payments written before the sharding, still read (shard 0 reads it). */
    public static String legacyOpenPayments(String status) {
        return "PAYSTATUS#" + status;
    }

    /** Maps a PaymentIntent to our payment (strongly consistent, for refunds and disputes). */
    public static String stripePaymentIntent(String paymentIntentId) {
        return "STRIPEPI#" + paymentIntentId;
    }

    public static final String STRIPE_PAYMENT_INTENT_SK = "PAYMENT_INTENT";

    /** Refunds already booked for a charge, and dispute stages already booked. */
    public static String stripeCharge(String chargeId) {
        return "STRIPECH#" + chargeId;
    }

    public static final String AUTOPAY_SK = "AUTOPAY";

    /** GSI1 partition listing accounts with autopay on, one per shard of the accounts (sparse: only while enabled). */
    public static String autopayAccounts(int shard) {
        return LEGACY_AUTOPAY_ACCOUNTS + "#" + shard;
    }

    /** The unsharded partition of autopay accounts written before the sharding, still read (shard 0 reads it). */
    public static final String LEGACY_AUTOPAY_ACCOUNTS = "AUTOPAY";

    public static final String SUBSCRIPTION_SK_PREFIX = "SUB#";

    public static String subscription(String subscriptionId) {
        return SUBSCRIPTION_SK_PREFIX + subscriptionId;
    }

    /** The account's last event sequence number ({@code seq}), advanced in each transaction that records events. */
    public static final String EVENT_SEQUENCE_SK = "EVENTSEQ";

    public static final String OUTBOUND_EVENT_SK_PREFIX = "OUTEVT#";

    /** An event we emit, by its account's sequence number (fixed width, so the sort key sorts by sequence). */
    public static String outboundEvent(long sequence) {
        return OUTBOUND_EVENT_SK_PREFIX + String.format("%012d", sequence);
    }

    /** GSI1 partition of a day's events for the global feed ({@code GSI1SK=<createdAt>#<accountId>#<sequence>}). */
    public static String eventsOfDay(String day) {
        return "OUTEVTS#" + day;
    }

    public static final String AUDIT_SK_PREFIX = "AUDIT#";

    /** An audit record in its account's partition, newest last ({@code <at>#<auditId>}). */
    public static String audit(String at, String auditId) {
        return AUDIT_SK_PREFIX + at + "#" + auditId;
    }

    /** GSI2 partition of a day's audit records for the service-wide log ({@code GSI2SK=<at>#<accountId>#<auditId>}). */
    public static String auditOfDay(String day) {
        return "AUDITS#" + day;
    }

    /** Maps a payment id to its account, for the host's calls that name a payment only (refunds). */
    public static String paymentById(String paymentId) {
        return "PAYID#" + paymentId;
    }

    public static final String PAYMENT_BY_ID_SK = "PAYMENT";

    /** A refund the host asked for, by the hash of its idempotency key, in the payment's account. */
    public static String refundRequest(String paymentId, String keyHash) {
        return "REFUNDREQ#" + paymentId + "#" + keyHash;
    }

    /** GSI2 partition of the events still to be pushed to the host's endpoints, one per shard ({@code GSI2SK=<nextAttemptAt>#<accountId>#<sequence>}). */
    public static String outbox(int shard) {
        return "OUTBOX#" + shard;
    }

    /** Who works on each shard of a job (autopay, janitor, outbox), in one partition per job. */
    public static String leases(String job) {
        return "LEASES#" + job;
    }

    public static final String LEASE_SK_PREFIX = "SHARD#";

    /** A shard's lease in its job's partition ({@code owner}, {@code until}, {@code done}). */
    public static String lease(int shard) {
        return LEASE_SK_PREFIX + String.format("%04d", shard);
    }

    /** Every webhook endpoint of the host, in one partition (a handful of items). */
    public static final String WEBHOOK_ENDPOINTS_PK = "WHENDPOINTS";

    public static String webhookEndpoint(String endpointId) {
        return "WHEP#" + endpointId;
    }

    public static final String DELIVERY_ATTEMPT_SK_PREFIX = "DLVATT#";

    /** That the customer's email about one of the account's events was sent ({@code EMAIL#<sequence>}). */
    public static String emailSent(long sequence) {
        return "EMAIL#" + String.format("%012d", sequence);
    }

    /** The attempts to push one event, in its account's partition, oldest first ({@code DLVATT#<sequence>#<at>#<endpointId>}). */
    public static String deliveryAttemptsOf(long sequence) {
        return DELIVERY_ATTEMPT_SK_PREFIX + String.format("%012d", sequence) + "#";
    }

    public static String deliveryAttempt(long sequence, String at, String endpointId) {
        return deliveryAttemptsOf(sequence) + at + "#" + endpointId;
    }

    /** A failure count of one email from one client address, in the email's {@link #loginFailures} partition. */
    public static String loginFailuresFrom(String clientAddress) {
        return "ADDR#" + clientAddress;
    }

    /** A client address that logged in to the email recently, in the email's {@link #loginFailures} partition. */
    public static String loginKnownAddress(String clientAddress) {
        return "OK#" + clientAddress;
    }

    /** The account's SetupIntents created in the current window ({@code n}; {@code ttl} = the window's end). */
    public static final String SETUP_INTENT_LIMIT_SK = "SETILIMIT";
}
