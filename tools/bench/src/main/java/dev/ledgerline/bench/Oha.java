package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * oha (crates.io; scripts/deps.sh oha) as the load generator of the plain GET rows: a Rust client
 * costs a fraction of the CPU of java.net.http per request, so less of the two cores goes to the
 * caller and more to the service (docs/benchmark.md compares both). It is closed-loop like
 * {@link Load}: {@code -c} connections, each sending the next request when the last one answered.
 */
final class Oha {

    private final Path binary;

    private Oha(Path binary) {
        this.binary = binary;
    }

    /** oha where scripts/deps.sh puts it, unless BENCH_LOAD=java asks for the Java generator on every row. */
    static Oha find() {
        Path binary = Path.of(System.getenv().getOrDefault("BENCH_OHA",
                System.getProperty("user.home") + "/.cache/ledgerline/bin/oha"));
        boolean wanted = !"java".equals(System.getenv().getOrDefault("BENCH_LOAD", ""));
        return wanted && Files.isExecutable(binary) ? new Oha(binary) : null;
    }

    /**
     * A warm-up run, then the measured one. The meters are read before and after the measured run;
     * the load generator's own CPU is what the ended oha process used (its parent's cutime/cstime).
     */
    Load.Result run(String name, int concurrency, Duration warmUp, Duration measured, String url, Map<String, String> headers,
                    Map<String, Load.CpuMeter> meters) throws Exception {
        oha(concurrency, warmUp, url, headers);
        Map<String, Duration> before = read(meters);
        JsonNode report = oha(concurrency, measured, url, headers);
        Map<String, Duration> cpu = new LinkedHashMap<>();
        read(meters).forEach((who, after) -> cpu.put(who, after.minus(before.get(who))));
        long ok = report.path("statusCodeDistribution").path("200").asLong();
        long[] errors = {-ok};
        report.path("statusCodeDistribution").forEach(count -> errors[0] += count.asLong());
        // The requests still in flight when the time is up are "aborted due to deadline": not errors of the service.
        report.path("errorDistribution").fields().forEachRemaining(error -> {
            if (!error.getKey().contains("deadline")) {
                errors[0] += error.getValue().asLong();
            }
        });
        JsonNode percentiles = report.path("latencyPercentiles");
        return new Load.Result(name + " [oha]", ok, report.path("summary").path("total").asDouble(), percentiles.path("p50").asDouble() * 1000,
                percentiles.path("p99").asDouble() * 1000, errors[0], cpu);
    }

    private JsonNode oha(int concurrency, Duration duration, String url, Map<String, String> headers) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-tui", "--output-format", "json",
                "-c", Integer.toString(concurrency), "-z", duration.toSeconds() + "s"));
        headers.forEach((header, value) -> command.addAll(List.of("-H", header + ": " + value)));
        command.add(url);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("oha exited with " + process.exitValue());
        }
        return Stripe.JSON.readTree(out);
    }

    private static Map<String, Duration> read(Map<String, Load.CpuMeter> meters) throws Exception {
        Map<String, Duration> used = new LinkedHashMap<>();
        for (Map.Entry<String, Load.CpuMeter> meter : meters.entrySet()) {
            used.put(meter.getKey(), meter.getValue().used());
        }
        return used;
    }
}
