package dev.ledgerline.bench;

import java.time.Duration;
import java.util.List;

/** The benchmark's table, in Markdown. */
final class Report {

    record Line(String name, Load.Result result, double roundTrips, double cpuMillisPerRequest) {
    }

    private Report() {
    }

    static String table(List<Line> lines, Duration startUp, double rssMiB, int concurrency, Duration measured, int bigLedger) {
        StringBuilder out = new StringBuilder();
        out.append(Bench.format("Concurrency %d, %d s measured after warm-up, machine: %d cores, %s%n%n", concurrency,
                measured.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name")));
        out.append("| Measured | req/s | p50 ms | p99 ms | round trips/req | CPU ms/req | efficiency | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Line rawBalance = lines.get(0);
        Line rawWebhook = lines.get(1);
        Line rawCharge = lines.get(2);
        for (Line line : lines) {
            Line raw = line.name().startsWith("raw") ? null
                    : line.name().contains("webhook") ? rawWebhook : line.name().contains("charges") ? rawCharge : rawBalance;
            String efficiency = raw == null ? "" : Bench.format("%.2f", line.result().perSecond() * line.roundTrips()
                    / (raw.result().perSecond() * raw.roundTrips()));
            out.append(Bench.format("| %s | %.0f | %.2f | %.2f | %.2f | %.3f | %s | %d |%n", line.name(), line.result().perSecond(),
                    line.result().percentileMillis(50), line.result().percentileMillis(99), line.roundTrips(), line.cpuMillisPerRequest(),
                    efficiency, line.result().errors()));
        }
        Line small = lines.get(3);
        Line big = lines.get(lines.size() - 1);
        out.append(Bench.format("%nLedger-size ratio (p50 with %,d entries / p50 with 10): %.2f%n", bigLedger,
                big.result().percentileMillis(50) / small.result().percentileMillis(50)));
        out.append(Bench.format("Start-up to the first successful /health: %.2f s; RSS after the load: %.0f MiB%n",
                startUp.toMillis() / 1000.0, rssMiB));
        out.append("Raw store CPU ms/req is dynoxide's CPU; the service rows show the service's CPU (the store's comes on top).\n");
        return out.toString();
    }
}
