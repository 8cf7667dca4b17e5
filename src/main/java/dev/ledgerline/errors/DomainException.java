package dev.ledgerline.errors;

/**
 * A refusal the caller can act on, with a stable {@code code} (for example {@code nothing_due}).
 * Domain code throws the subclass that says what kind of refusal it is; only {@code web/} knows
 * how each kind is answered over HTTP. The detail is written for the caller: never a stack trace,
 * a secret or raw Stripe text.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;

    protected DomainException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
