package dev.ledgerline.emails;

import io.micronaut.core.annotation.Nullable;

/** One message to one customer: a plain-text part, an HTML part, and at most one PDF attached. */
public record Email(String kind, String to, String subject, String text, String html,
                    @Nullable String attachmentName, @Nullable byte[] attachment) {
}
