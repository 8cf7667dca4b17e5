package dev.ledgerline.auth;

import java.time.Instant;
import java.util.List;

/** A signed-in session. Only the token's hash is kept; the token itself is shown once, at login. */
public record Session(String sessionId, String tokenHash, String accountId, String userId, String email,
                      List<String> roles, Instant createdAt, Instant expiresAt) {
}
