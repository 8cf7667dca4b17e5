package dev.ledgerline.errors;

/** The request itself is wrong (a malformed cursor, a currency this service does not bill in); repeating it cannot succeed. */
public class InvalidRequest extends DomainException {

    public InvalidRequest(String code, String detail) {
        super(code, detail);
    }
}
