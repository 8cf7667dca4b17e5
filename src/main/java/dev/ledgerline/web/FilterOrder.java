package dev.ledgerline.web;

/** Where the server filters run relative to each other (lower runs first). */
public final class FilterOrder {

    /** The authentication filters (session, service key); filters that need to know the caller run after them. */
    public static final int AUTHENTICATION = 0;

    private FilterOrder() {
    }
}
