package dev.ledgerline.errors;

/**
 * The payment provider refused the request itself (its message is written for people and safe to
 * show): repeating it unchanged would be refused again.
 */
public class ProviderRefused extends DomainException {

    public ProviderRefused(String code, String detail) {
        super(code, detail);
    }
}
