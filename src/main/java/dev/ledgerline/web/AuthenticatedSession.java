package dev.ledgerline.web;

import java.util.List;

/** Who a request acts for, once the session filter has checked its headers. */
public record AuthenticatedSession(String sessionId, String accountId, String userId, String email, List<String> roles) {
}
