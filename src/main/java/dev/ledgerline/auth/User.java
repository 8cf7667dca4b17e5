package dev.ledgerline.auth;

import java.time.Instant;
import java.util.List;

/** A person who signs in to an account. {@code email} is normalized (trimmed, lower case). */
public record User(String userId, String email, String accountId, String passwordHash, List<String> roles, Instant createdAt) {
}
