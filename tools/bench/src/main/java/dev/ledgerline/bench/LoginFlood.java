package dev.ledgerline.bench;

import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.model.LoginResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Does a login flood slow down payments? (docs/benchmark.md, "Login flood"). Starts the service
 * jar against the emulators (production's 600,000 PBKDF2 iterations, the loopback as its trusted
 * proxy, so X-Forwarded-For plays the clients), then measures GET /api/billing/balance p50/p99
 * with {@code FLOOD_READERS} closed-loop readers: alone; during wrong-password logins at
 * {@code FLOOD_RATE} a second from a new address each time; and from one address. Prints each
 * phase with the logins' statuses and the service's CPU (cores busy). {@code FLOOD_UNBOUNDED=1}
 * lifts the login limits, to see what they prevent. At most {@code FLOOD_MAX_IN_FLIGHT} (64) logins wait
 * for an answer at once. In the logins column: -2 logins skipped at that bound, -1 failed balance
 * reads, 0 logins that got no answer.
 */
public final class LoginFlood {

    /** Logins waiting for an answer at most; past it the pacer skips (counted as -2). */
    private static final int MAX_IN_FLIGHT = Integer.parseInt(System.getenv().getOrDefault("FLOOD_MAX_IN_FLIGHT", "64"));
    private static final String WEBHOOK_SECRET = "whsec_bench_ledgerline_0123456789";

    private record Phase(String name, long[] latencies, Map<Integer, Long> logins, double seconds, double cores) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("LEDGERLINE_ROOT", "../.."));
        Path out = root.resolve("target/bench");
        Files.createDirectories(out);
        Duration seconds = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("FLOOD_SECONDS", "20")));
        int readers = Integer.parseInt(System.getenv().getOrDefault("FLOOD_READERS", "4"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("FLOOD_RATE", "100"));
        boolean unbounded = "1".equals(System.getenv("FLOOD_UNBOUNDED"));
        String stripeMock = System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111");
        Map<String, String> env = new HashMap<>(Map.of(
                "BILLING_DEV_MODE", "true", "BILLING_TABLE_NAME", "ledgerline-flood-" + UUID.randomUUID().toString().substring(0, 8),
                "BILLING_JOBS_ENABLED", "false", "BILLING_ACCESS_LOG", "false", "BILLING_HTTP_TRUSTED_PROXIES", "127.0.0.1",
                "STRIPE_API_BASE", stripeMock, "AWS_ENDPOINT_URL_DYNAMODB",
                System.getenv().getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:18000")));
        // As the benchmark's: stripe-mock takes any sk_test_ key, readiness asks it with this one.
        env.putAll(Map.of("STRIPE_SECRET_KEY", "sk_test_bench", "STRIPE_PUBLISHABLE_KEY", "pk_test_bench",
                "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        if (unbounded) {
            env.putAll(Map.of("BILLING_LOGIN_MAX_CONCURRENT_HASHES", "256", "BILLING_LOGIN_HASH_QUEUE", "4096",
                    "BILLING_LOGIN_HASH_QUEUE_WAIT", "60s", "BILLING_LOGIN_ADDRESS_BURST", "100000000",
                    "BILLING_LOGIN_EMAIL_MAX_FAILURES", "100000000", "BILLING_LOGIN_MAX_FAILURES", "100000000"));
        }
        try (ServiceProcess service = ServiceProcess.start(root.resolve("target/ledgerline-0.1.0-SNAPSHOT.jar"), env,
                out.resolve("login-flood-service.log"))) {
            Fixtures fixtures = new Fixtures(service.url, stripeMock, WEBHOOK_SECRET);
            LoginResponse reader = fixtures.account();
            fixtures.charges(reader, 3);
            LoginResponse victim = fixtures.account();
            LedgerApi ledger = new LedgerApi(fixtures.as(reader));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String email = new dev.ledgerline.client.api.AuthApi(fixtures.as(victim)).getSession().getEmail();

            run("warm-up (untimed)", Duration.ofSeconds(10), readers, ledger, service, flood(http, service.url, email, true), 20);
            List<Phase> phases = new ArrayList<>();
            phases.add(run("balance alone", seconds, readers, ledger, service, null, 0));
            phases.add(run("+ flood, a new address per login", seconds, readers, ledger, service, flood(http, service.url, email, true), rate));
            phases.add(run("+ flood, one address", seconds, readers, ledger, service, flood(http, service.url, email, false), rate));

            StringBuilder report = new StringBuilder(String.format("Login flood (%s limits, %d balance readers, flood %d logins/s, %d s each, %d cores)%n",
                    unbounded ? "WITHOUT the" : "with the", readers, rate, seconds.toSeconds(), Runtime.getRuntime().availableProcessors()));
            report.append(String.format("%-36s %10s %9s %9s %10s  %s%n", "phase", "reads/s", "p50 ms", "p99 ms", "svc cores", "logins"));
            for (Phase p : phases) {
                long[] l = p.latencies();
                Arrays.sort(l);
                report.append(String.format("%-36s %10.0f %9.1f %9.1f %10.2f  %s%n", p.name(), l.length / p.seconds(),
                        percentile(l, 0.50), percentile(l, 0.99), p.cores(), p.logins().isEmpty() ? "-" : p.logins()));
            }
            System.out.print(report);
            Files.writeString(out.resolve(unbounded ? "login-flood-unbounded.txt" : "login-flood.txt"), report);
        }
    }

    /** One wrong-password login as a flooding client; the answer's status. */
    private static FloodCall flood(HttpClient http, String base, String victimEmail, boolean newAddressEach) {
        String body = "{\"email\":\"" + victimEmail + "\",\"password\":\"wrong-password-guess\"}";
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String address = newAddressEach
                    ? "100." + (64 + random.nextInt(64)) + "." + random.nextInt(256) + "." + random.nextInt(1, 255)
                    : "203.0.113.66";
            // Half on the victim's email, half on emails no one has (the decoy hash).
            String json = random.nextBoolean() ? body : body.replace(victimEmail, "nobody-" + random.nextLong(1_000_000) + "@example.com");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        };
    }

    @FunctionalInterface
    private interface FloodCall {
        int send() throws Exception;
    }

    private static Phase run(String name, Duration length, int readers, LedgerApi ledger, ServiceProcess service, FloodCall flood,
                             int rate) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perReader = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        for (int r = 0; r < readers; r++) {
            long[][] mine = {new long[1 << 16]};
            AtomicLong count = new AtomicLong();
            perReader.add(null);
            int slot = r;
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long started = System.nanoTime();
                    try {
                        ledger.getBalance();
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, k -> new LongAdder()).increment();
                        continue;
                    }
                    int n = (int) count.getAndIncrement();
                    if (n == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], n * 2);
                    }
                    mine[0][n] = System.nanoTime() - started;
                }
                synchronized (perReader) {
                    perReader.set(slot, Arrays.copyOf(mine[0], (int) count.get()));
                }
            });
            threads.add(t);
        }
        // Open loop: a login is started every 1/rate s on its own virtual-ish thread, whatever the last one's fate.
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        Thread pacer = flood == null ? null : new Thread(() -> {
            long interval = 1_000_000_000L / Math.max(1, rate);
            long next = System.nanoTime();
            while (!stop.get()) {
                next += interval;
                if (!inFlight.tryAcquire()) {
                    // Bounded: a service that stopped answering is not sent ever more threads' worth.
                    statuses.computeIfAbsent(-2, k -> new LongAdder()).increment();
                } else {
                    Thread login = new Thread(() -> {
                        try {
                            statuses.computeIfAbsent(flood.send(), k -> new LongAdder()).increment();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(0, k -> new LongAdder()).increment();
                        } finally {
                            inFlight.release();
                        }
                    });
                    login.setDaemon(true);
                    login.start();
                }
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        Duration cpuBefore = service.cpu();
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        if (pacer != null) {
            pacer.start();
        }
        Thread.sleep(length.toMillis());
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (pacer != null) {
            pacer.join();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cores = (service.cpu().toNanos() - cpuBefore.toNanos()) / 1e9 / wall;
        long[] all = perReader.stream().flatMapToLong(Arrays::stream).toArray();
        Map<Integer, Long> logins = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> logins.put(status, n.sum()));
        // Logins still in flight when the phase ends are not waited for: at most the hashing queue's wait.
        Thread.sleep(flood == null ? 0 : 2000);
        return new Phase(name, all, logins, wall, cores);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
