package dev.ledgerline.errors;

/** The request clashes with the current state (nothing due, a key reused for another request, a concurrent change). */
public class Conflict extends DomainException {

    public Conflict(String code, String detail) {
        super(code, detail);
    }
}
