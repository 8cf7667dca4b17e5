package dev.ledgerline.bench;

import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.LoginResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests whose DynamoDB cost the benchmark counts but does not time: pay-balance (its time is
 * mostly stripe-mock's) and the first pages of the ledger and the payments, on an account of their
 * own with a saved card.
 */
final class CountedOnly {

    static final String PAY_BALANCE = "POST /api/billing/pay-balance";
    static final String LEDGER_PAGE = "GET /api/billing/ledger (first page of 25)";
    static final String PAYMENTS_PAGE = "GET /api/billing/payments (first page, 11 payments)";

    private CountedOnly() {
    }

    static Map<String, Costs.Counted> count(Fixtures fixtures, DynamoDbClient store, String table, CountingProxy proxy) throws Exception {
        Map<String, Costs.Counted> counted = new LinkedHashMap<>();
        LoginResponse payer = fixtures.account();
        fixtures.payment(payer, store, table);
        PaymentsApi payments = new PaymentsApi(fixtures.as(payer));
        // A charge before each, uncounted, so that something is due.
        counted.put(PAY_BALANCE, Costs.count(proxy, 10, n -> fixtures.charges(payer, 1), n -> payments.payBalance("bench-pay-" + n, null)));
        fixtures.charges(payer, 30);
        LedgerApi ledger = new LedgerApi(fixtures.as(payer));
        counted.put(LEDGER_PAGE, Costs.count(proxy, 20, null, n -> ledger.listLedger(null, null)));
        counted.put(PAYMENTS_PAGE, Costs.count(proxy, 20, null, n -> payments.listPayments(null, null)));
        return counted;
    }
}
