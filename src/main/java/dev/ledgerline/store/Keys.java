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
}
