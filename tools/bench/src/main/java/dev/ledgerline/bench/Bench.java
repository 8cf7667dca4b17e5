package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark (docs/benchmark.md). Starts the built service against dynoxide (and stripe-mock),
 * counts each request's DynamoDB round trips through a counting proxy (an untimed pass), then
 * measures, for a fixed time after a warm-up, the raw store doing the same calls and the service
 * doing the requests, and prints throughput, p50/p99, round trips and CPU per request, and
 * efficiency = service req/s x round trips per request / raw store ops/s.
 */
public final class Bench {

    private static final String WEBHOOK_SECRET = "whsec_bench_ledgerline_0123456789";
    private static final String SERVICE_KEY = "bench-service-key-0123456789abcdef";
    static final String RAW_BALANCE = "raw store: balance (2 GetItem)";
    /** Money changes that lost the account's event sequence to a concurrent one and tried again. */
    /** How many accounts the spread charge row shares its requests among. */
    static final int SPREAD = 8;
    static final String RACES_SAMPLE = "ledgerline_events_sequence_races_total";
    static final String RAW_WEBHOOK = "raw store: webhook (PutItem, GetItem, UpdateItem)";
    static final String RAW_CHARGE = "raw store: charge (1 TransactWriteItems)";

    private record Row(String name, Load.Result result, double roundTrips) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("LEDGERLINE_ROOT", "../.."));
        Path jar = root.resolve("target/ledgerline-0.1.0-SNAPSHOT.jar");
        Path out = root.resolve("target/bench");
        Files.createDirectories(out);
        Path dynoxideBinary = Path.of(System.getenv().getOrDefault("DYNOXIDE_BIN",
                System.getProperty("user.home") + "/.cache/ledgerline/bin/dynoxide"));
        String stripeMock = System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111");
        Duration warmUp = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "20")));
        Duration measured = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SECONDS", "15")));
        // The JIT keeps compiling for over a minute of load on two cores (a JFR recording showed the C2 thread busy
        // 50-75% of the time until ~100 s), so the service gets a long untimed run of every request kind first.
        Duration serviceWarmUp = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SERVICE_WARMUP_SECONDS", "45")));
        int concurrency = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONCURRENCY", "8"));
        int bigLedger = Integer.parseInt(System.getenv().getOrDefault("BENCH_BIG_LEDGER", "100000"));
        // For profiling one kind of request: only the rows whose names contain this text.
        String only = System.getenv().getOrDefault("BENCH_ONLY", "");
        String table = "ledgerline-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (Dynoxide dynoxide = Dynoxide.start(dynoxideBinary, out.resolve("dynoxide.log"))) {
            // BILLING_* settings of the benchmark's own environment reach the service (e.g. BILLING_SESSION_CACHE_TTL=0s
            // to compare without the session cache); the ones the benchmark depends on are its own.
            Map<String, String> env = new HashMap<>();
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("BILLING_")) {
                    env.put(name, value);
                }
            });
            env.putAll(Map.of(
                    "BILLING_DEV_MODE", "true", "BILLING_TABLE_NAME", table, "BILLING_JOBS_ENABLED", "false",
                    "BILLING_SERVICE_API_KEYS", SERVICE_KEY, "STRIPE_API_BASE", stripeMock, "STRIPE_SECRET_KEY", "sk_test_bench",
                    "STRIPE_PUBLISHABLE_KEY", "pk_test_bench", "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET,
                    "AWS_ENDPOINT_URL_DYNAMODB", dynoxide.url(),
                    // Its fixtures sign up a dozen accounts from one address, more than a person's burst.
                    "BILLING_LOGIN_ADDRESS_BURST", "1000"));
            DynamoDbClient store = DynamoDbClient.builder().endpointOverride(URI.create(dynoxide.url())).region(Region.US_EAST_1)
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();

            // Pass 1, untimed: the same requests through a counting proxy, for round trips and request units per request.
            Map<String, Costs.Counted> counted = new LinkedHashMap<>();
            Path archive = out.resolve("service.jsa").toAbsolutePath();
            Duration coldStart;
            LoginResponse small;
            LoginResponse big;
            LoginResponse charges;
            List<LoginResponse> spread;
            Payment payment;
            try (CountingProxy proxy = new CountingProxy(dynoxide.url(), out.resolve("capacity.log"))) {
                Map<String, String> countedEnv = new HashMap<>(env);
                countedEnv.put("AWS_ENDPOINT_URL_DYNAMODB", proxy.url());
                // This pass is also the AppCDS training run, as in scripts/run.sh: the archive is written at its exit.
                Files.deleteIfExists(archive);
                try (ServiceProcess service = ServiceProcess.start(jar, countedEnv, out.resolve("service-counting.log"),
                        List.of("-XX:ArchiveClassesAtExit=" + archive))) {
                    coldStart = service.startUp;
                    Fixtures fixtures = new Fixtures(service.url, stripeMock, WEBHOOK_SECRET);
                    small = fixtures.account();
                    fixtures.charges(small, 10);
                    big = fixtures.account();
                    charges = fixtures.account();
                    spread = new ArrayList<>();
                    for (int i = 0; i < SPREAD; i++) {
                        spread.add(fixtures.account());
                    }
                    payment = fixtures.payment(small, store, table);
                    Requests requests = new Requests(fixtures, small, big, charges, spread, payment, "count");
                    for (String name : Requests.NAMES) {
                        counted.put(name, Costs.count(proxy, 50, null, requests.get(name)));
                    }
                    counted.putAll(CountedOnly.count(fixtures, store, table, proxy));
                }
            }
            Fixtures.bigLedger(store, table, big.getAccountId(), bigLedger);

            // Pass 2, timed: the raw store, then the service.
            String stripePid = System.getenv().getOrDefault("BENCH_STRIPE_PID", "");
            Measure measure = new Measure(concurrency, warmUp, measured, dynoxide, only, stripePid.isBlank() ? null : Long.valueOf(stripePid));
            RawStore raw = new RawStore(store, table);
            // The same event body the service receives, so the inbox item is as large.
            String payload = Stripe.event("evt_raw", "payment_intent.succeeded",
                    new Fixtures(null, stripeMock, WEBHOOK_SECRET).succeededIntent(small, payment), Instant.now().getEpochSecond());
            List<Row> rows = new ArrayList<>();
            measure.row(rows, RAW_BALANCE, 2, null, false, n -> raw.balance(small.getSessionId(), small.getAccountId()));
            measure.row(rows, RAW_WEBHOOK, 3, null, false,
                    n -> raw.webhook("evt_raw_" + n + "_" + UUID.randomUUID(), payload, small.getAccountId(), payment.getId()));
            measure.row(rows, RAW_CHARGE, 1, null, true, n -> raw.charge(charges.getAccountId(), n));

            List<String> withArchive = Files.exists(archive) && Files.size(archive) > 0 ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
            try (ServiceProcess service = ServiceProcess.start(jar, env, out.resolve("service.log"), withArchive)) {
                Fixtures fixtures = new Fixtures(service.url, stripeMock, WEBHOOK_SECRET);
                Requests requests = new Requests(fixtures, small, big, charges, spread, payment, "timed");
                // Every request kind untimed first, so no row is measured while the JIT still compiles.
                for (String name : Requests.NAMES) {
                    if (name.contains(only)) {
                        Load.run("warm-up " + name, concurrency, serviceWarmUp, Duration.ZERO, requests.get(name), Map.of());
                    }
                }
                for (String name : Requests.NAMES) {
                    measure.row(rows, name, counted.get(name).trips(), service, name.contains("charges"), requests.get(name));
                }
                // The balance rows again with oha as the caller, where it is installed: the same requests, less caller CPU.
                Oha oha = Oha.find();
                if (oha != null) {
                    measure.ohaRow(rows, oha, Requests.NAMES.get(0), counted.get(Requests.NAMES.get(0)).trips(), service, small);
                    measure.ohaRow(rows, oha, Requests.NAMES.get(1), counted.get(Requests.NAMES.get(1)).trips(), service, big);
                }
                String statement = StatementProbe.NAME.contains(only) ? StatementProbe.run(fixtures, big, bigLedger, service) : "";
                double rss = service.rssMiB();
                String report = Report.table(rows.stream().map(r -> new Report.Line(r.name(), r.result(), r.roundTrips())).toList(),
                        coldStart, service.startUp, rss, concurrency, measured, bigLedger) + statement + Costs.table(counted);
                System.out.println(report);
                Files.writeString(out.resolve("results.md"), "# Benchmark " + Instant.now() + "\n\n" + report);
            }
            store.close();
        }
        System.exit(0); // the HTTP clients' pools keep non-daemon threads
    }

    /** Runs rows with the same settings, metering the CPU of the store, this JVM and the service if one runs. */
    private record Measure(int concurrency, Duration warmUp, Duration measured, Dynoxide dynoxide, String only, Long stripePid) {

        void row(List<Row> rows, String name, double trips, ServiceProcess service, boolean transactions, Load.Request request)
                throws Exception {
            if (!name.contains(only)) {
                return;
            }
            Map<String, Load.CpuMeter> meters = new LinkedHashMap<>();
            if (service != null) {
                meters.put(Report.SERVICE, service::cpu);
                // A count, not a time: carried as nanoseconds so it is read at the same two moments as the CPU.
                meters.put(Report.RACES, () -> Duration.ofNanos(service.count(RACES_SAMPLE, "outcome=\"retried\"")));
            }
            meters.put(Report.STORE, () -> ServiceProcess.cpuOf(dynoxide.pid()));
            meters.put(Report.LOAD, () -> ServiceProcess.cpuOf(ProcessHandle.current().pid()));
            if (stripePid != null) {
                meters.put(Report.STRIPE, () -> ServiceProcess.cpuOf(stripePid));
            }
            // Transactions: the measurement starts on a freshly started dynoxide (see Dynoxide), after the warm-up.
            Load.Pause pause = transactions ? dynoxide::restart : Load.Pause.NONE;
            rows.add(new Row(name, Load.run(name, concurrency, warmUp, pause, measured, request, meters), trips));
        }

        /** A GET /api/billing/balance row with oha as the caller; its CPU is counted once it has ended. */
        void ohaRow(List<Row> rows, Oha oha, String name, double trips, ServiceProcess service, LoginResponse login) throws Exception {
            if (!name.contains(only)) {
                return;
            }
            Map<String, Load.CpuMeter> meters = new LinkedHashMap<>();
            meters.put(Report.SERVICE, service::cpu);
            meters.put(Report.STORE, () -> ServiceProcess.cpuOf(dynoxide.pid()));
            meters.put(Report.LOAD, () -> ServiceProcess.cpuWithEndedChildren(ProcessHandle.current().pid()));
            Load.Result result = oha.run(name, concurrency, warmUp, measured, service.url + "/api/billing/balance",
                    Map.of("X-SESSION-ID", login.getSessionId(), "Authorization", "Bearer " + login.getToken()), meters);
            rows.add(new Row(result.name(), result, trips));
        }
    }

    private Bench() {
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** The service requests measured, by name. */
    static final class Requests {
        /** The two balance rows run one after the other, so their p50s are taken under the same conditions. */
        static final List<String> NAMES = List.of("GET /api/billing/balance (10 entries)", "GET /api/billing/balance (100,000 entries)",
                "POST /api/stripe/webhook", "POST /api/internal/accounts/{id}/charges",
                "POST /api/internal/accounts/{id}/charges (" + SPREAD + " accounts)");

        private final Map<String, Load.Request> byName = new HashMap<>();

        Requests(Fixtures fixtures, LoginResponse small, LoginResponse big, LoginResponse charges, List<LoginResponse> spread,
                 Payment payment, String pass) throws Exception {
            // One API object per kind, shared by the threads: the generated native client builds a new
            // java.net.http.HttpClient (its own selector thread and connections) for every API object.
            LedgerApi smallLedger = new LedgerApi(fixtures.as(small));
            LedgerApi bigLedger = new LedgerApi(fixtures.as(big));
            InternalApi internal = new InternalApi(fixtures.service(SERVICE_KEY));
            StripeWebhooksApi webhooks = new StripeWebhooksApi(fixtures.anonymous());
            ObjectNode intent = fixtures.succeededIntent(small, payment);
            String run = UUID.randomUUID().toString().substring(0, 8);
            byName.put(NAMES.get(0), n -> smallLedger.getBalance());
            byName.put(NAMES.get(1), n -> bigLedger.getBalance());
            byName.put(NAMES.get(2), n -> {
                long now = Instant.now().getEpochSecond();
                String body = Stripe.event("evt_bench_" + pass + "_" + run + "_" + n, "payment_intent.succeeded", intent, now);
                webhooks.receiveStripeWebhook(body, Stripe.sign(body, WEBHOOK_SECRET, now));
            });
            byName.put(NAMES.get(3), n -> internal.postInternalCharge(charges.getAccountId(),
                    "bench-" + pass + "-" + run + "-" + n, new ChargeRequest().amount(100L).description("Usage " + n)));
            // The same charges, each request to the next of several accounts: what one account's sequence costs under load.
            byName.put(NAMES.get(4), n -> internal.postInternalCharge(spread.get((int) (n % spread.size())).getAccountId(),
                    "bench-" + pass + "-" + run + "-" + n, new ChargeRequest().amount(100L).description("Usage " + n)));
        }

        Load.Request get(String name) {
            return byName.get(name);
        }
    }
}
