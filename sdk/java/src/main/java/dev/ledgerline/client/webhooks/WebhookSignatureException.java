package dev.ledgerline.client.webhooks;

/** A push that must not be trusted: its signature is missing, malformed, wrong or too old, or its body is not an event. */
public class WebhookSignatureException extends Exception {

    public WebhookSignatureException(String message) {
        super(message);
    }

    public WebhookSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
