package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.client.ApiClient;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 8's benchmark. Starts the built service against dynoxide (and stripe-mock), counts each
 * request's DynamoDB round trips through a counting proxy (an untimed pass), then measures, for a
 * fixed time after a warm-up, the raw store doing the same calls and the service doing the
 * requests, and prints throughput, p50/p99, round trips and CPU per request, and efficiency =
 * service req/s x round trips per request / raw store ops/s.
 */
public final class Bench {

    private static final String WEBHOOK_SECRET = "whsec_bench_ledgerline_0123456789";
    private static final String SERVICE_KEY = "bench-service-key-0123456789abcdef";

    private record Row(String name, Load.Result result, double roundTrips, double cpuMillisPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("LEDGERLINE_ROOT", "../.."));
        Path jar = root.resolve("target/ledgerline-0.1.0-SNAPSHOT.jar");
        Path out = root.resolve("target/bench");
        Files.createDirectories(out);
        String dynamo = System.getenv().getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:18000");
        String stripeMock = System.getenv().getOrDefault("STRIPE_MOCK_URL", "http://127.0.0.1:12111");
        Duration warmUp = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "5")));
        Duration measured = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SECONDS", "15")));
        int concurrency = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONCURRENCY", "8"));
        int bigLedger = Integer.parseInt(System.getenv().getOrDefault("BENCH_BIG_LEDGER", "100000"));
        String table = "ledgerline-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(Map.of(
                "BILLING_DEV_MODE", "true", "BILLING_TABLE_NAME", table, "BILLING_JOBS_ENABLED", "false",
                "BILLING_SERVICE_API_KEYS", SERVICE_KEY, "STRIPE_API_BASE", stripeMock, "STRIPE_SECRET_KEY", "sk_test_bench",
                "STRIPE_PUBLISHABLE_KEY", "pk_test_bench", "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        DynamoDbClient store = DynamoDbClient.builder().endpointOverride(URI.create(dynamo)).region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();
        long dynoxidePid = ServiceProcess.pidListeningOn(URI.create(dynamo).getPort());

        // Pass 1, untimed: the same requests through a counting proxy, for round trips per request.
        Map<String, Double> trips = new HashMap<>();
        LoginResponse small;
        LoginResponse big;
        LoginResponse charges;
        Payment payment;
        try (CountingProxy proxy = new CountingProxy(dynamo)) {
            Map<String, String> counted = new HashMap<>(env);
            counted.put("AWS_ENDPOINT_URL_DYNAMODB", proxy.url());
            try (ServiceProcess service = ServiceProcess.start(jar, counted, out.resolve("service-counting.log"))) {
                Fixtures fixtures = new Fixtures(service.url, stripeMock, WEBHOOK_SECRET);
                small = fixtures.account();
                fixtures.charges(small, 10);
                big = fixtures.account();
                charges = fixtures.account();
                payment = fixtures.payment(small, store, table);
                Requests requests = new Requests(fixtures, small, big, charges, payment, "count");
                for (String name : Requests.NAMES) {
                    long before = proxy.calls();
                    for (int i = 0; i < 50; i++) {
                        requests.get(name).send(i);
                    }
                    trips.put(name, (proxy.calls() - before) / 50.0);
                }
            }
        }
        Fixtures.bigLedger(store, table, big.getAccountId(), bigLedger);

        // Pass 2, timed: the raw store, then the service.
        RawStore raw = new RawStore(store, table);
        // The same event body the service receives, so the inbox item is as large.
        String payload = Stripe.event("evt_raw", "payment_intent.succeeded",
                new Fixtures(null, stripeMock, WEBHOOK_SECRET).succeededIntent(small, payment), Instant.now().getEpochSecond());
        List<Row> rows = new ArrayList<>();
        rows.add(measure("raw store: balance (2 GetItem)", concurrency, warmUp, measured, 2, dynoxidePid,
                n -> raw.balance(small.getSessionId(), small.getAccountId())));
        rows.add(measure("raw store: webhook (PutItem, GetItem, UpdateItem)", concurrency, warmUp, measured, 3, dynoxidePid,
                n -> raw.webhook("evt_raw_" + n + "_" + UUID.randomUUID(), payload, small.getAccountId(), payment.getId())));
        rows.add(measure("raw store: charge (1 TransactWriteItems)", concurrency, warmUp, measured, 1, dynoxidePid,
                n -> raw.charge(charges.getAccountId(), n)));

        ServiceProcess service = ServiceProcess.start(jar, env, out.resolve("service.log"));
        Fixtures fixtures = new Fixtures(service.url, stripeMock, WEBHOOK_SECRET);
        Requests requests = new Requests(fixtures, small, big, charges, payment, "timed");
        for (String name : Requests.NAMES) {
            rows.add(measure(name, concurrency, warmUp, measured, trips.get(name), -1, requests.get(name), service));
        }
        double rss = service.rssMiB();
        service.close();

        String table1 = Report.table(rows.stream().map(r -> new Report.Line(r.name(), r.result(), r.roundTrips(), r.cpuMillisPerRequest())).toList(),
                service.startUp, rss, concurrency, measured, bigLedger);
        System.out.println(table1);
        Files.writeString(out.resolve("results.md"), "# Benchmark " + Instant.now() + "\n\n" + table1);
        store.close();
        System.exit(0); // the HTTP clients' pools keep non-daemon threads
    }

    private static Row measure(String name, int concurrency, Duration warmUp, Duration measured, double trips, long pid,
                               Load.Request request) throws Exception {
        Duration cpuBefore = pid > 0 ? ServiceProcess.cpuOf(pid) : Duration.ZERO;
        Load.Result result = Load.run(name, concurrency, warmUp, measured, request);
        Duration cpu = pid > 0 ? ServiceProcess.cpuOf(pid).minus(cpuBefore) : Duration.ZERO;
        return new Row(name, result, trips, perRequest(cpu, result, warmUp, measured));
    }

    private static Row measure(String name, int concurrency, Duration warmUp, Duration measured, double trips, long unused,
                               Load.Request request, ServiceProcess service) throws Exception {
        Duration cpuBefore = service.cpu();
        Load.Result result = Load.run(name, concurrency, warmUp, measured, request);
        return new Row(name, result, trips, perRequest(service.cpu().minus(cpuBefore), result, warmUp, measured));
    }

    /** CPU is read over warm-up and measurement together, so it is divided by the requests of both (estimated). */
    private static double perRequest(Duration cpu, Load.Result result, Duration warmUp, Duration measured) {
        double requests = result.perSecond() * (warmUp.toMillis() + measured.toMillis()) / 1000.0;
        return requests == 0 ? Double.NaN : cpu.toMillis() / requests;
    }

    private Bench() {
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** The service requests measured, by name. */
    static final class Requests {
        static final List<String> NAMES = List.of("GET /api/billing/balance (10 entries)", "POST /api/stripe/webhook",
                "POST /api/internal/accounts/{id}/charges", "GET /api/billing/balance (100,000 entries)");

        private final Map<String, Load.Request> byName = new HashMap<>();

        Requests(Fixtures fixtures, LoginResponse small, LoginResponse big, LoginResponse charges, Payment payment, String pass)
                throws Exception {
            ApiClient smallClient = fixtures.as(small);
            ApiClient bigClient = fixtures.as(big);
            ApiClient internalClient = fixtures.service(SERVICE_KEY);
            ApiClient anonymous = fixtures.anonymous();
            ObjectNode intent = fixtures.succeededIntent(small, payment);
            String run = UUID.randomUUID().toString().substring(0, 8);
            byName.put(NAMES.get(0), n -> new LedgerApi(smallClient).getBalance());
            byName.put(NAMES.get(1), n -> {
                long now = Instant.now().getEpochSecond();
                String body = Stripe.event("evt_bench_" + pass + "_" + run + "_" + n, "payment_intent.succeeded", intent, now);
                new StripeWebhooksApi(anonymous).receiveStripeWebhook(body, Stripe.sign(body, WEBHOOK_SECRET, now));
            });
            byName.put(NAMES.get(2), n -> new InternalApi(internalClient).postInternalCharge(charges.getAccountId(),
                    "bench-" + pass + "-" + run + "-" + n, new ChargeRequest().amount(100L).description("Usage " + n)));
            byName.put(NAMES.get(3), n -> new LedgerApi(bigClient).getBalance());
        }

        Load.Request get(String name) {
            return byName.get(name);
        }
    }
}
