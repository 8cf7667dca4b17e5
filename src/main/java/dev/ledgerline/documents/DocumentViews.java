package dev.ledgerline.documents;

import dev.ledgerline.accounts.Account;

import java.util.Map;

/**
 * What the templates read, as maps: Thymeleaf's expressions reach map keys and getters, and the
 * records here have neither.
 */
final class DocumentViews {

    private DocumentViews() {
    }

    static Map<String, Object> business(BusinessProperties business) {
        return Map.of("name", business.name(), "address", business.addressLines());
    }

    static Map<String, Object> account(Account account) {
        return Map.of("name", account.name(), "id", account.accountId());
    }
}
