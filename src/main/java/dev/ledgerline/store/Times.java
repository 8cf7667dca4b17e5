package dev.ledgerline.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC text, so that sort keys built from them sort by time
 * ({@link Instant#toString()} drops trailing zeros and would put 10:00:00Z after 10:00:00.5Z).
 */
public final class Times {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    public static Instant parse(String sortable) {
        return Instant.parse(sortable);
    }
}
