package dev.ledgerline.bench;

import dev.ledgerline.client.ApiResponse;
import dev.ledgerline.client.api.DocumentsApi;
import dev.ledgerline.client.model.LoginResponse;

import java.io.File;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A month's statement of the big ledger, one request at a time: how its time and size grow with
 * the month's entries (a statement reads every entry since the month's start and lays out a row
 * for each). Not a closed-loop row: one statement of 100,000 entries is seconds of work.
 */
final class StatementProbe {

    static final String NAME = "GET /api/billing/statements/{month} (big ledger)";

    private StatementProbe() {
    }

    static String run(Fixtures fixtures, LoginResponse big, int entries, ServiceProcess service) throws Exception {
        DocumentsApi documents = new DocumentsApi(fixtures.as(big));
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        // The big ledger's entries are a second apart up to now: all in this month unless it began less than that long ago.
        StringBuilder out = new StringBuilder(Bench.format("%n%s, the month of a %,d-entry ledger (one a second up to now), one request"
                + " at a time:%n", NAME, entries));
        for (int i = 1; i <= 3; i++) {
            long started = System.nanoTime();
            Duration cpuBefore = service.cpu();
            ApiResponse<File> response = documents.getStatementWithHttpInfo(month);
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes = response.getData().length();
            out.append(Bench.format("- request %d: HTTP %d, %.2f s, %.2f s of service CPU, %,d bytes of PDF; service RSS %.0f MiB%n", i,
                    response.getStatusCode(), seconds, (service.cpu().minus(cpuBefore)).toMillis() / 1000.0, bytes, service.rssMiB()));
            response.getData().delete();
        }
        return out.toString();
    }
}
