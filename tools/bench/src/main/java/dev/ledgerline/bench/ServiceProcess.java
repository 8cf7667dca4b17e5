package dev.ledgerline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service jar as a child process, with what /proc tells about it (CPU time, resident memory). */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    final String url;
    final Duration startUp;

    private ServiceProcess(Process process, String url, Duration startUp) {
        this.process = process;
        this.url = url;
        this.startUp = startUp;
    }

    static ServiceProcess start(Path jar, Map<String, String> env, Path log) throws Exception {
        return start(jar, env, log, List.of());
    }

    /** With JVM options of its own, e.g. the AppCDS archive to write at exit or to start from. */
    static ServiceProcess start(Path jar, Map<String, String> env, Path log, List<String> jvmOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The deployment's JVM settings (deploy/jvm.options), in a machine the JVM takes for a container of
        // BENCH_SERVICE_MEMORY (1g): its heap and so its resident memory are sized as they would be there.
        Path deployOptions = jar.toAbsolutePath().getParent().getParent().resolve("deploy/jvm.options");
        List<String> command = new ArrayList<>(List.of("java", "@" + deployOptions,
                "-XX:MaxRAM=" + System.getenv().getOrDefault("BENCH_SERVICE_MEMORY", "1g")));
        command.addAll(jvmOptions);
        // e.g. BENCH_SERVICE_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/service.jfr,settings=profile" to profile
        String options = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        String url = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 1200; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log);
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return new ServiceProcess(process, url, Duration.ofNanos(System.nanoTime() - started));
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The service did not become healthy in 60 s; see " + log);
    }

    /**
     * The sum of the /prometheus counters named {@code name} whose labels hold {@code label} (e.g.
     * {@code outcome="retried"}). Prometheus writes a count as a decimal ("13.0"); read exactly.
     */
    long count(String name, String label) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(sample -> sample.startsWith(name + "{") && sample.contains(label))
                .mapToLong(sample -> new java.math.BigDecimal(sample.substring(sample.lastIndexOf(' ') + 1)).longValueExact()).sum();
    }

    /** User + system CPU time the process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
    Duration cpu() throws IOException {
        return cpuOf(process.pid());
    }

    static Duration cpuOf(long pid) throws IOException {
        String[] fields = stat(pid);
        return Duration.ofMillis((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10);
    }

    /**
     * As {@link #cpuOf}, plus the CPU of the children that ended and were waited for (cutime,
     * cstime): for this JVM, an external load generator run to its end counts in.
     */
    static Duration cpuWithEndedChildren(long pid) throws IOException {
        String[] fields = stat(pid);
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return Duration.ofMillis(ticks * 10);
    }

    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Resident set size in MiB, from /proc/<pid>/status. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // A JVM writing its class-data archive at exit takes a few seconds; the next start needs it.
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
