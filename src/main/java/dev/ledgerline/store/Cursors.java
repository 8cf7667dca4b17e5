package dev.ledgerline.store;

import dev.ledgerline.errors.InvalidRequest;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque page cursors: the sort key of the last item shown, base64url-encoded. A cursor is only
 * accepted for the listing it came from (its prefix), so it cannot be steered at other items; the
 * partition is always the caller's own account. A cursor must have the shape of the listing's keys.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the sort key, or null for no cursor; 400 when it is not one of this listing's cursors */
    @Nullable
    public static String decode(@Nullable String cursor, Pattern shape) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (shape.matcher(sortKey).matches()) {
                return sortKey;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw new InvalidRequest("invalid_cursor", "cursor: not a cursor of this listing; pass the nextCursor of the previous page.");
    }
}
