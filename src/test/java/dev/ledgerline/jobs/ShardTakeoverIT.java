package dev.ledgerline.jobs;

import com.google.gson.JsonParser;
import dev.ledgerline.client.api.SettingsApi;
import dev.ledgerline.client.model.AutopayRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.payments.autopay.AutopayJob;
import dev.ledgerline.scale.Population;
import dev.ledgerline.store.Keys;
import dev.ledgerline.store.Shards;
import dev.ledgerline.support.StripeMockProxyTestSupport;
import dev.ledgerline.support.StripeObjects;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that died holding a shard: its accounts wait while the lease stands (the live
 * instance pays every other shard of the cycle, once), and are paid by the live instance once the
 * lease has run out.
 */
@MicronautTest
class ShardTakeoverIT extends StripeMockProxyTestSupport {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BillingSettings settings;

    @Inject
    JobProperties jobs;

    @Inject
    AutopayJob autopay;

    @Inject
    ShardLeaseRepo leases;

    private Population population;

    @Test
    void aDeadInstancesShardIsTakenOverOnceItsLeaseEnds() throws Exception {
        LoginResponse payer = signupAndLogin();
        addCard(payer);
        addCharge(payer, 1_200);
        assertTrue(new SettingsApi(as(payer)).setAutopay(new AutopayRequest().enabled(true)).getAutopayEnabled());
        proxy.rewrite("/v1/payment_intents", json -> StripeObjects.of(json).set("status", "succeeded")
                .set("amount_received", JsonParser.parseString(json).getAsJsonObject().get("amount").getAsLong()).json());
        population = new Population(dynamo, jobs.shards());
        List<String> accounts = population.copy(population.template(settings.tableName(), payer.getAccountId()), payer.getAccountId(),
                settings.tableName(), 40, clock.instant());
        int held = Shards.of(accounts.get(0), jobs.shards());
        List<String> waiting = accounts.stream().filter(a -> Shards.of(a, jobs.shards()) == held).toList();
        assertTrue(leases.acquire("autopay", held, "job_crashed", clock.instant(), clock.instant().plus(jobs.leaseTime()),
                ShardRunner.cycleOf(clock.instant(), Duration.ofHours(1))));

        AutopayJob.Run first = autopay.runCycle();
        assertEquals(jobs.shards() - 1, first.shards(), "every shard but the dead instance's");
        assertEquals(accounts.size() - waiting.size() + (held == Shards.of(payer.getAccountId(), jobs.shards()) ? 0 : 1), first.accounts());
        accounts.forEach(a -> assertEquals(!waiting.contains(a), paid(a), a));
        assertEquals(0, autopay.runCycle().accounts(), "the cycle's other shards are done; the held one is still held");

        clock.advance(jobs.leaseTime().plusSeconds(1));
        autopay.runCycle();
        accounts.forEach(a -> assertTrue(paid(a), "taken over once the lease ended: " + a));
    }

    private boolean paid(String account) {
        return !population.items(settings.tableName(), account, Keys.PAYMENT_SK_PREFIX).isEmpty();
    }
}
