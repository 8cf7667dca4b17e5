package dev.ledgerline.errors;

/**
 * The payment provider could not be reached or failed, or refused what only it can do: nothing
 * is known to have changed on our side, and the caller may try again.
 */
public class ProviderUnavailable extends DomainException {

    public ProviderUnavailable(String code, String detail) {
        super(code, detail);
    }
}
