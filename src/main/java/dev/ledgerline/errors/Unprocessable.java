package dev.ledgerline.errors;

/** The request is well formed but the account's state does not allow it (no active method, an amount too large). */
public class Unprocessable extends DomainException {

    public Unprocessable(String code, String detail) {
        super(code, detail);
    }
}
