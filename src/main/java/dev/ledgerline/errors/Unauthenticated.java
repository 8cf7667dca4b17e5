package dev.ledgerline.errors;

/** The caller's credentials are missing or wrong; which part was wrong is never said. */
public class Unauthenticated extends DomainException {

    public Unauthenticated(String detail) {
        super("unauthorized", detail);
    }
}
