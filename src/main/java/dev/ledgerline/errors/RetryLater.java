package dev.ledgerline.errors;

/** Received but not done yet (an early webhook, a store that did not answer); a repeat will be. */
public class RetryLater extends DomainException {

    public RetryLater(String code, String detail) {
        super(code, detail);
    }
}
