package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.client.ApiClient;
import dev.ledgerline.client.api.AuthApi;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.PaymentMethodsApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.api.StripeWebhooksApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.LoginRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.SignupRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The accounts the benchmark works on, made through the API (and, for the big ledger, written directly). */
final class Fixtures {

    static final String PASSWORD = "correct-horse-battery-staple";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String serviceUrl;
    private final String stripeMock;
    private final String webhookSecret;

    Fixtures(String serviceUrl, String stripeMock, String webhookSecret) {
        this.serviceUrl = serviceUrl;
        this.stripeMock = stripeMock;
        this.webhookSecret = webhookSecret;
    }

    ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(serviceUrl);
        return client;
    }

    ApiClient as(LoginResponse login) {
        ApiClient client = anonymous();
        client.setRequestInterceptor(b -> b.header("X-SESSION-ID", login.getSessionId()).header("Authorization", "Bearer " + login.getToken()));
        return client;
    }

    ApiClient service(String key) {
        ApiClient client = anonymous();
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + key));
        return client;
    }

    LoginResponse account() throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        AuthApi auth = new AuthApi(anonymous());
        auth.signup(new SignupRequest().email(email).password(PASSWORD).accountName("Benchmark"));
        return auth.login(new LoginRequest().email(email).password(PASSWORD));
    }

    void charges(LoginResponse login, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(100L).description("Charge " + i));
        }
    }

    /** A settled payment with a PaymentIntent: a card saved through its setup webhook, a charge, pay-balance. */
    Payment payment(LoginResponse login, DynamoDbClient store, String table) throws Exception {
        String setupIntent = new PaymentMethodsApi(as(login)).createCardSetupIntent().getSetupIntentId();
        String customer = store.getItem(GetItemRequest.builder().tableName(table)
                .key(key("ACCT#" + login.getAccountId(), "ACCOUNT")).consistentRead(true).build()).item().get("stripeCustomerId").s();
        ObjectNode intent = Stripe.get(stripeMock, "/v1/setup_intents/" + setupIntent);
        intent.put("customer", customer).put("status", "succeeded").put("payment_method", "pm_bench" + UUID.randomUUID().toString().substring(0, 8));
        deliver("evt_bench_setup_" + UUID.randomUUID(), "setup_intent.succeeded", intent);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(2500L).description("Pro plan"));
        return new PaymentsApi(as(login)).payBalance("bench-payment", null);
    }

    /** payment_intent.succeeded for {@code payment}, as Stripe would send it again and again (each with its own id). */
    ObjectNode succeededIntent(LoginResponse login, Payment payment) throws Exception {
        ObjectNode intent = Stripe.get(stripeMock, "/v1/payment_intents/" + payment.getStripePaymentIntentId());
        intent.put("status", "succeeded").put("amount", payment.getAmount()).put("currency", payment.getCurrency());
        intent.putObject("metadata").put("ledgerline_account_id", login.getAccountId()).put("ledgerline_payment_id", payment.getId())
                .put("ledgerline_attempt", "1");
        return intent;
    }

    void deliver(String eventId, String type, ObjectNode object) throws Exception {
        String payload = Stripe.event(eventId, type, object, Instant.now().getEpochSecond());
        new StripeWebhooksApi(anonymous()).receiveStripeWebhook(payload, Stripe.sign(payload, webhookSecret, Instant.now().getEpochSecond()));
    }

    /**
     * {@code count} settled entries written straight into the table (the API would take minutes),
     * with the balance row set to their sum: only the size of the account's ledger matters here.
     */
    static void bigLedger(DynamoDbClient store, String table, String accountId, int count) {
        Instant t0 = Instant.now().minusSeconds(count);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "chg_bench" + i;
            Instant at = t0.plusSeconds(i);
            Map<String, AttributeValue> entry = new HashMap<>(key("ACCT#" + accountId, "LEDGER#" + SORTABLE.format(at) + "#" + id));
            entry.put("entryId", AttributeValue.fromS(id));
            entry.put("type", AttributeValue.fromS("charge"));
            entry.put("amount", AttributeValue.fromN("100"));
            entry.put("currency", AttributeValue.fromS("usd"));
            entry.put("description", AttributeValue.fromS("Seeded charge " + i));
            entry.put("status", AttributeValue.fromS("settled"));
            entry.put("createdAt", AttributeValue.fromS(at.toString()));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(entry).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
                while (!unprocessed.isEmpty()) {
                    unprocessed = store.batchWriteItem(BatchWriteItemRequest.builder().requestItems(unprocessed).build()).unprocessedItems();
                }
                batch = new ArrayList<>();
            }
        }
        Map<String, AttributeValue> balance = new HashMap<>(key("ACCT#" + accountId, "BALANCE"));
        balance.put("currency", AttributeValue.fromS("usd"));
        balance.put("balance", AttributeValue.fromN(Long.toString(100L * count)));
        balance.put("pendingCharges", AttributeValue.fromN("0"));
        balance.put("pendingPayments", AttributeValue.fromN("0"));
        balance.put("version", AttributeValue.fromN(Long.toString(count)));
        balance.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        store.putItem(PutItemRequest.builder().tableName(table).item(balance).build());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return new HashMap<>(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)));
    }
}
