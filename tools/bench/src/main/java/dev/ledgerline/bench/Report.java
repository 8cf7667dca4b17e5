package dev.ledgerline.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's table, in Markdown. */
final class Report {

    static final String SERVICE = "service";
    static final String STORE = "store";
    static final String LOAD = "load generator";
    static final String STRIPE = "stripe-mock";
    /** The service's sequence races in the measured period (a count carried as nanoseconds). */
    static final String RACES = "sequence races";

    record Line(String name, Load.Result result, double roundTrips) {
    }

    private Report() {
    }

    static String table(List<Line> lines, Duration coldStart, Duration startUp, double rssMiB, int concurrency, Duration measured, int bigLedger) {
        StringBuilder out = new StringBuilder();
        out.append(Bench.format("Concurrency %d, %d s measured after warm-up, machine: %d cores, %s%n%n", concurrency,
                measured.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name")));
        out.append("| Measured | req/s | p50 ms | p99 ms | round trips/req | CPU ms/req: service | store | load generator | stripe-mock | efficiency | CPU efficiency | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Line> byName = new HashMap<>();
        lines.forEach(line -> byName.put(line.name(), line));
        for (Line line : lines) {
            Line raw = line.name().startsWith("raw") ? null : byName.get(
                    line.name().contains("webhook") ? Bench.RAW_WEBHOOK : line.name().contains("charges") ? Bench.RAW_CHARGE : Bench.RAW_BALANCE);
            String efficiency = raw == null ? "" : Bench.format("%.2f", line.result().perSecond() * line.roundTrips()
                    / (raw.result().perSecond() * raw.roundTrips()));
            // The same comparison by CPU time instead of throughput, leaving out the service rows' load generator: what
            // the ratio would be with the callers on other machines. For the raw rows the "load generator" is the
            // AWS SDK client, the part the service itself plays; so: (store + SDK client) per raw op x round trips
            // / (service + store) per request.
            String cpuEfficiency = raw == null ? "" : Bench.format("%.2f",
                    (raw.result().cpuMillisPerRequest(STORE) + raw.result().cpuMillisPerRequest(LOAD)) / raw.roundTrips() * line.roundTrips()
                            / (line.result().cpuMillisPerRequest(SERVICE) + line.result().cpuMillisPerRequest(STORE)));
            out.append(Bench.format("| %s | %.0f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %d |%n", line.name(), line.result().perSecond(),
                    line.result().p50Millis(), line.result().p99Millis(), line.roundTrips(), cpu(line, SERVICE),
                    cpu(line, STORE), cpu(line, LOAD), cpu(line, STRIPE), efficiency, cpuEfficiency, line.result().errors()));
        }
        out.append("\nSequence races per request (a money change that found its account's event sequence moved by a concurrent one,\n"
                + "re-read it and tried again; ledgerline_events_sequence_races_total{outcome=\"retried\"} over the measured period):\n");
        for (Line line : lines) {
            java.time.Duration races = line.result().cpu().get(RACES);
            if (races != null && line.result().requests() > 0) {
                out.append(Bench.format("- %s: %.3f%n", line.name(), (double) races.toNanos() / line.result().requests()));
            }
        }
        Line small = byName.get(Bench.Requests.NAMES.get(0));
        Line big = byName.get(Bench.Requests.NAMES.get(1));
        if (small != null && big != null) {
            out.append(Bench.format("%nLedger-size ratio (p50 with %,d entries / p50 with 10): %.2f%n", bigLedger,
                    big.result().p50Millis() / small.result().p50Millis()));
        }
        out.append(Bench.format("%nStart-up to the first successful /health: %.2f s with the AppCDS archive (%.2f s without, the run"
                + " that wrote it); RSS after the load: %.0f MiB%n", startUp.toMillis() / 1000.0, coldStart.toMillis() / 1000.0, rssMiB));
        out.append("CPU ms/req: user + system time of each process over the measured period, per request; the load generator is the\n"
                + "benchmark's JVM (the AWS SDK for the raw rows, the generated client for the service rows); stripe-mock answers the\n"
                + "webhook row's re-fetch of the intent (a Stripe call the raw webhook row does not make, so not in its efficiency).\n");
        return out.toString();
    }

    private static String cpu(Line line, String who) {
        double millis = line.result().cpuMillisPerRequest(who);
        return Double.isNaN(millis) ? "" : Bench.format("%.3f", millis);
    }
}
