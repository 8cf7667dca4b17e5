package dev.ledgerline.scale;

import com.google.gson.JsonParser;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.jobs.JobProperties;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.payments.janitor.Janitor;
import dev.ledgerline.store.Attr;
import dev.ledgerline.store.Keys;
import dev.ledgerline.support.ServiceInstance;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharded jobs at scale: accounts with autopay on and something due, and open payments, written
 * straight into the table (copies of template accounts the API made), then one autopay cycle and
 * one janitor cycle on 1 instance and on 3 (each on a table of its own). Every due account is paid
 * exactly once in the cycle and every open payment looked at exactly once, the instances share the
 * work (none reads all of it), and it prints the time per cycle. Small in the default run;
 * 50,000 accounts and 20,000 open payments with {@code bash scripts/scale.sh}.
 */
@MicronautTest
class JobsScaleIT extends StripeMockProxyTestSupport {

    private static final long DUE = 2_500;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BillingSettings settings;

    @Inject
    JobProperties jobs;

    private Population population;

    private record Cycle(Duration took, List<Integer> shares) {
        double seconds() {
            return took.toMillis() / 1000.0;
        }
    }

    @Test
    void everyDueAccountIsPaidOnceAndEveryOpenPaymentLookedAtOnceWithTheInstancesSharingTheWork() throws Exception {
        int payers = ScaleSize.pick("LEDGERLINE_SCALE_ACCOUNTS", 600, 50_000);
        int open = ScaleSize.pick("LEDGERLINE_SCALE_OPEN_PAYMENTS", 300, 20_000);
        population = new Population(dynamo, jobs.shards());

        // Templates, made through the API: an ACH debit Stripe keeps processing, then a card account with autopay on and a charge due.
        LoginResponse debtor = signupAndLogin();
        Payment debit = processingDebit(debtor, DUE);
        proxy.clearRewrites();
        LoginResponse payer = signupAndLogin();
        addCard(payer);
        addCharge(payer, DUE);
        assertTrue(new SettingsApi(as(payer)).setAutopay(new AutopayRequest().enabled(true)).getAutopayEnabled());
        // Stripe charges the cards: the off-session PaymentIntent succeeds at once.
        proxy.rewrite("/v1/payment_intents", json -> {
            long amount = JsonParser.parseString(json).getAsJsonObject().get("amount").getAsLong();
            return StripeObjects.of(json).set("status", "succeeded").set("amount_received", amount).json();
        });
        var payerItems = population.template(settings.tableName(), payer.getAccountId());
        var debtorItems = population.template(settings.tableName(), debtor.getAccountId());

        // The JIT compiles the paths during the first cycles: a cycle untimed first, so the 1-instance figure is not the cold one.
        int warmUp = ScaleSize.pick(0, 2_000);
        if (warmUp > 0) {
            String table = "ledgerline-scale-warmup-" + UUID.randomUUID();
            try (ServiceInstance instance = ServiceInstance.onTable(table, fleetProperties())) {
                population.copy(payerItems, payer.getAccountId(), table, warmUp, clock.instant());
                population.copy(debtorItems, debtor.getAccountId(), table, warmUp, clock.instant().minusSeconds(60));
                instance.bean(AutopayJob.class).runCycle();
                instance.bean(Janitor.class).runCycle();
            } finally {
                dynamo.deleteTable(b -> b.tableName(table));
            }
        }

        List<String> lines = new ArrayList<>();
        Map<Integer, Cycle[]> byInstances = new TreeMap<>();
        for (int instances : ScaleSize.instances()) {
            String table = "ledgerline-scale-" + UUID.randomUUID();
            List<ServiceInstance> fleet = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    fleet.add(ServiceInstance.onTable(table, fleetProperties()));
                }
                Instant seeding = Instant.now();
                List<String> due = population.copy(payerItems, payer.getAccountId(), table, payers, clock.instant());
                List<String> looked = population.copy(debtorItems, debtor.getAccountId(), table, open, clock.instant().minusSeconds(60));
                Duration seeded = Duration.between(seeding, Instant.now());

                int stripeCalls = proxy.requests().size();
                Cycle autopay = cycle(fleet, instance -> instance.bean(AutopayJob.class).runCycle().accounts());
                int autopayCalls = proxy.requests().size() - stripeCalls;
                // The same cycle again: every shard is done, nobody reads an account twice.
                assertEquals(0, cycle(fleet, instance -> instance.bean(AutopayJob.class).runCycle().accounts()).shares().stream()
                        .mapToInt(Integer::intValue).sum(), "a cycle's shards are worked once");
                Cycle janitor = cycle(fleet, instance -> instance.bean(Janitor.class).runCycle().examined());
                int janitorCalls = proxy.requests().size() - stripeCalls - autopayCalls;
                byInstances.put(instances, new Cycle[]{autopay, janitor});
                lines.add(String.format("%d instance(s): autopay %.1f s for %d accounts (per instance %s, %d Stripe calls), janitor %.1f s"
                                + " for %d open payments (per instance %s, %d Stripe calls); %d items written in %.1f s", instances,
                        autopay.seconds(), payers, autopay.shares(), autopayCalls, janitor.seconds(), open, janitor.shares(), janitorCalls,
                        payers * payerItems.size() + open * debtorItems.size(), seeded.toMillis() / 1000.0));

                assertShared(autopay, payers, instances, "autopay accounts read");
                assertShared(janitor, open, instances, "open payments looked at");
                assertEachPaidOnce(table, due);
                assertEachLookedAtOnce(table, looked, debit.getId());
            } finally {
                fleet.forEach(ServiceInstance::close);
                dynamo.deleteTable(b -> b.tableName(table));
            }
        }
        String speedUp = "";
        if (byInstances.containsKey(1) && byInstances.containsKey(3)) {
            Cycle[] one = byInstances.get(1);
            Cycle[] three = byInstances.get(3);
            speedUp = String.format("; speed-up with 3 instances: autopay %.2fx, janitor %.2fx", one[0].seconds() / three[0].seconds(),
                    one[1].seconds() / three[1].seconds());
        }
        String summary = String.format("Scale: %s%s (%d shards, autopay concurrency %d)", String.join("; ", lines), speedUp, jobs.shards(),
                jobs.autopayConcurrency());
        System.out.println(summary);
        // Also to a file: at full size the fork's output channel to Maven was once lost mid-run, and the figures with it.
        Path result = Path.of("target", "scale", "result-" + String.join("-", ScaleSize.instances().stream().map(String::valueOf).toList())
                + ".txt");
        Files.createDirectories(result.getParent());
        Files.writeString(result, summary + System.lineSeparator());
    }

    /** The fleets' settings: at full size without a log line per account (hundreds of thousands through the fork's output). */
    private Map<String, Object> fleetProperties() {
        // A week-long autopay cycle: the run (and its "same cycle again" check) must not cross into the next cycle, as an hour's can.
        return ScaleSize.full()
                ? Map.of("stripe.api-base", proxy.url(), "billing.autopay.interval", "7d", "logger.levels.dev.ledgerline", "WARN")
                : Map.of("stripe.api-base", proxy.url(), "billing.autopay.interval", "7d");
    }

    /** Runs {@code job} on every instance at once; the cycle ends when the last instance is through. */
    private static Cycle cycle(List<ServiceInstance> fleet, Function<ServiceInstance, Integer> job) throws Exception {
        ExecutorService runners = Executors.newFixedThreadPool(fleet.size());
        try {
            Instant start = Instant.now();
            List<Future<Integer>> runs = runners.invokeAll(fleet.stream().<Callable<Integer>>map(i -> () -> job.apply(i)).toList());
            List<Integer> shares = new ArrayList<>();
            for (Future<Integer> run : runs) {
                shares.add(run.get());
            }
            return new Cycle(Duration.between(start, Instant.now()), shares);
        } finally {
            runners.shutdown();
        }
    }

    private static void assertShared(Cycle cycle, int total, int instances, String what) {
        assertEquals(total, cycle.shares().stream().mapToInt(Integer::intValue).sum(), what + ": each once, " + cycle.shares());
        if (instances > 1) {
            assertTrue(cycle.shares().stream().allMatch(share -> share < total), what + ": no instance did them all, " + cycle.shares());
        }
    }

    private void assertEachPaidOnce(String table, List<String> accounts) {
        for (String account : accounts) {
            List<Map<String, AttributeValue>> payments = population.items(table, account, Keys.PAYMENT_SK_PREFIX);
            assertEquals(1, payments.size(), "one payment for " + account);
            assertEquals("succeeded", Attr.getS(payments.get(0), "status"), account);
            assertEquals(DUE, Attr.getN(payments.get(0), "amount", 0), account);
            Map<String, AttributeValue> balance = population.items(table, account, Keys.BALANCE_SK).get(0);
            assertEquals(0, Attr.getN(balance, "balance", -1), "nothing due after the cycle for " + account);
        }
    }

    private void assertEachLookedAtOnce(String table, List<String> accounts, String paymentId) {
        long version = -1;
        for (String account : accounts) {
            Map<String, AttributeValue> payment = population.items(table, account, Keys.payment(paymentId)).get(0);
            assertEquals("processing", Attr.getS(payment, "status"), account);
            long seen = Attr.getN(payment, "version", 0);
            if (version < 0) {
                version = seen;
            }
            assertEquals(version, seen, "every open payment written as often (once per look) as the first, " + account);
        }
    }
}
