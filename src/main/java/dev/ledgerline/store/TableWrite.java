package dev.ledgerline.store;

/**
 * One item of a transaction, built by a repository and handed to whoever commits the change (a
 * {@code Posting}); only {@code store/} and the repositories look inside.
 */
public record TableWrite(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem item) {
}
