package dev.ledgerline.errors;

/** The named thing does not exist for this caller (or is not theirs: the answer is the same). */
public class NotFound extends DomainException {

    public NotFound(String detail) {
        super("not_found", detail);
    }
}
