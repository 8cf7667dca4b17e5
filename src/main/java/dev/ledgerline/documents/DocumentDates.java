package dev.ledgerline.documents;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as the documents print them: in UTC, the zone statements are cut in, spelled out in English. */
final class DocumentDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.US);

    private DocumentDates() {
    }

    static String day(Instant instant) {
        return DAY.format(instant);
    }

    static String longDay(Instant instant) {
        return LONG_DAY.format(instant);
    }

    static String month(YearMonth month) {
        return MONTH.format(month);
    }

    static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }
}
