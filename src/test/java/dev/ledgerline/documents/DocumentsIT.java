package dev.ledgerline.documents;

import dev.ledgerline.client.ApiException;
import dev.ledgerline.client.ApiResponse;
import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.DocumentsApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.Payment;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.client.model.StatementMonth;
import dev.ledgerline.ledger.ChargeCommand;
import dev.ledgerline.ledger.LedgerService;
import dev.ledgerline.support.DynamoHooks;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Receipts and statements through the API, from payments that really succeed or decline in
 * localstripe, read back with PDFBox: the lines a customer reads, and the totals adding up.
 */
@MicronautTest
class DocumentsIT extends LocalstripeTestSupport {

    @Inject
    DocumentGate gate;

    @Inject
    DynamoHooks hooks;

    @Inject
    LedgerService ledger;

    private static final String ACCOUNT_NAME = "Café Zoë GmbH";
    private static final int MAX_LINES = 6;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("billing.business.name", "Acme Cloud Ltd");
        properties.put("billing.business.address", "1 Market Street|Springfield, OR 97477");
        // Low, so that a month of a few entries already shows how a busy month is summed.
        properties.put("billing.statements.max-lines", Integer.toString(MAX_LINES));
        properties.put("billing.documents.max-wait", "200ms");
        return properties;
    }

    private LoginResponse customer() throws ApiException {
        return signupAndLogin(ACCOUNT_NAME);
    }

    private static byte[] bytes(ApiResponse<File> response) throws Exception {
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("application/pdf"), response.getHeaders().get("content-type"));
        return Files.readAllBytes(response.getData().toPath());
    }

    private static String day(java.time.LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("MMM d, uuuu", java.util.Locale.US).format(date);
    }

    private static String longDay(java.time.LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("MMMM d, uuuu", java.util.Locale.US).format(date);
    }

    @Test
    void aSucceededPaymentHasAOnePageReceipt() throws Exception {
        LoginResponse login = customer();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(123456L).description("Pro plan, November"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());

        byte[] pdf = bytes(new DocumentsApi(as(login)).getPaymentReceiptWithHttpInfo(payment.getId()));
        PdfText receipt = PdfText.of(pdf);
        assertEquals(1, receipt.pages());
        assertEquals("Receipt " + payment.getId(), receipt.title());
        assertEquals("Acme Cloud Ltd", receipt.lines().get(0));
        receipt.hasLine("1 Market Street");
        receipt.hasLine("Springfield, OR 97477");
        receipt.hasLine("Billed to " + ACCOUNT_NAME);
        receipt.hasLine("Account " + login.getAccountId());
        receipt.hasLine("Paid with Visa ending in 4242");
        receipt.hasLine("Payment " + payment.getId());
        receipt.hasLine("Stripe reference " + payment.getStripePaymentIntentId());
        receipt.hasLine("Payment of the balance $1,234.56");
        receipt.hasLine("Amount paid $1,234.56");
        String today = java.time.format.DateTimeFormatter.ofPattern("MMMM d, uuuu", java.util.Locale.US).withZone(ZoneOffset.UTC)
                .format(clock.instant());
        receipt.hasLine("Paid on " + today);
        PdfText.renderPageOne(pdf, "receipt");
    }

    @Test
    void namesAndDescriptionsBeyondLatin1PrintAsWritten() throws Exception {
        // Polish, Greek and Cyrillic: none of it is in the 14 standard fonts, which print '#' instead.
        String name = "Łucja Żółć, Ψυχή Юлия";
        String description = "Підписка Pro, листопад";
        LoginResponse login = signupAndLogin(name);
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1200L).description(description));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, payment.getStatus());

        byte[] pdf = bytes(new DocumentsApi(as(login)).getPaymentReceiptWithHttpInfo(payment.getId()));
        PdfText.of(pdf).hasLine("Billed to " + name);
        assertEquals(java.util.Set.of("LiberationSans", "LiberationSans-Bold"), PdfText.fonts(pdf));

        String month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();
        PdfText statement = PdfText.of(bytes(new DocumentsApi(as(login)).getStatementWithHttpInfo(month)));
        statement.hasLine("Account holder " + name);
        assertTrue(statement.line(description).endsWith("Charge $12.00 $12.00"), statement.line(description));
    }

    @Test
    void aMonthOfMoreEntriesThanAStatementListsIsSummedByDayAndKind() throws Exception {
        // On the 10th and 11th of a month, whichever test ran before.
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusMonths(1);
        clock.advance(Duration.between(clock.instant(), month.atDay(10).atTime(9, 0).toInstant(ZoneOffset.UTC)));
        LoginResponse login = customer();
        addCard(login, VISA);
        InternalApi internal = new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));
        String account = login.getAccountId();
        for (int i = 0; i < 5; i++) {
            internal.postInternalCharge(account, "day1-" + i, new ChargeRequest().amount(100L).description("Usage " + i));
        }
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        clock.advance(Duration.ofDays(1));
        login = relogin(login);
        for (int i = 0; i < 3; i++) {
            internal.postInternalCharge(account, "day2-" + i, new ChargeRequest().amount(200L).description("Seats " + i));
        }
        for (int i = 0; i < MAX_LINES + 1; i++) {
            internal.postInternalCharge(account, "pending-" + i, new ChargeRequest().amount(50L).description("Metered " + i).settled(false));
        }

        PdfText statement = PdfText.of(bytes(new DocumentsApi(as(login)).getStatementWithHttpInfo(month.toString())));
        String day1 = day(month.atDay(10));
        String day2 = day(month.atDay(11));
        // 9 settled entries, more than 6: a row per day and kind; a group of one keeps its description.
        statement.hasLine(day(month.atDay(1)) + " Opening balance $0.00");
        statement.hasLine(day1 + " 5 charges Charge $5.00 $5.00");
        statement.hasLine(day1 + " Payment of the balance Payment -$5.00 $0.00");
        statement.hasLine(day2 + " 3 charges Charge $6.00 $6.00");
        assertTrue(statement.lines().stream().noneMatch(l -> l.contains("Usage 0") || l.contains("Seats 0")), () -> String.join("\n", statement.lines()));
        assertTrue(statement.line("Closing balance").endsWith("Closing balance $6.00"), statement.line("Closing balance"));
        statement.hasLine("Charges $11.00");
        statement.hasLine("Payments -$5.00");
        statement.hasLine("Change in the balance $6.00");
        assertTrue(statement.line("This month has 9 entries").contains("more than a statement lists one by one (6)"),
                statement.line("This month has 9 entries"));
        // The pending charges likewise: 7 on one day.
        statement.hasLine(day2 + " 7 charges $3.50");
        statement.hasLine("Pending at the end of the period $3.50");
        assertTrue(statement.lines().stream().anyMatch(l -> l.startsWith("This month has 7 pending charges")), () -> String.join("\n", statement.lines()));
    }

    @Test
    void whileTheServiceMakesAsManyDocumentsAsItAllowsAnotherIsTurnedAwayWithRetryAfter() throws Exception {
        LoginResponse login = customer();
        addCard(login, VISA);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(500L).description("Pro plan"));
        Payment payment = new PaymentsApi(as(login)).payBalance(null, null);
        DocumentsApi documents = new DocumentsApi(as(login));
        String month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();

        // As if every permit were taken by documents in the making.
        int permits = gate.permits().drainPermits();
        try {
            for (ApiCall call : List.<ApiCall>of(() -> documents.getPaymentReceipt(payment.getId()), () -> documents.getStatement(month))) {
                try {
                    call.call();
                    fail("expected 429");
                } catch (ApiException e) {
                    assertEquals(429, e.getCode());
                    assertEquals("2", e.getResponseHeaders().firstValue("retry-after").orElse(null));
                }
                assertEquals("documents_busy", expectProblem(429, call).getCode());
            }
        } finally {
            gate.permits().release(permits);
        }
        assertTrue(permits >= 1, "at least one permit");
        PdfText.of(bytes(documents.getPaymentReceiptWithHttpInfo(payment.getId()))).hasLine("Amount paid $5.00");
        PdfText.of(bytes(documents.getStatementWithHttpInfo(month))).hasLine("Payments -$5.00");
    }

    /** A charge lands while the statement's query of the month's entries is being answered. */
    private void chargeDuringTheStatementsRead(String accountId, int times) {
        hooks.arm(request -> request instanceof QueryRequest query
                        && query.keyConditionExpression().contains("BETWEEN")
                        && query.expressionAttributeValues().get(":pk").s().equals("ACCT#" + accountId),
                times, () -> ledger.postIdempotentCharge(accountId, "during-read-" + UUID.randomUUID(),
                        new ChargeCommand(100L, "usd", "Posted during the read", true)));
    }

    @Test
    void aStatementIsMadeFromOneVersionOfTheBalanceOrNotAtAll() throws Exception {
        LoginResponse login = customer();
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1000L).description("Pro plan"));
        DocumentsApi documents = new DocumentsApi(as(login));
        String month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString();
        try {
            // A charge between the balance read and the entries read, on the first try: the second try is consistent.
            chargeDuringTheStatementsRead(login.getAccountId(), 1);
            PdfText once = PdfText.of(bytes(documents.getStatementWithHttpInfo(month)));
            assertEquals(1, hooks.fired.get());
            once.hasLine("Charges $11.00");
            assertTrue(once.line("Closing balance").endsWith("$11.00"), once.line("Closing balance"));

            // One on every try: after three, a 409 and no statement.
            chargeDuringTheStatementsRead(login.getAccountId(), 3);
            assertEquals("ledger_busy", expectProblem(409, () -> documents.getStatement(month)).getCode());
            assertEquals(3, hooks.fired.get());
        } finally {
            hooks.disarm();
        }
        PdfText after = PdfText.of(bytes(documents.getStatementWithHttpInfo(month)));
        after.hasLine("Charges $14.00");
    }

    @Test
    void onlyASucceededPaymentOfThisAccountHasAReceipt() throws Exception {
        LoginResponse login = customer();
        addCard(login, DECLINED_ON_CHARGE);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(900L).description("Pro plan"));
        Payment failed = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.FAILED, failed.getStatus());

        DocumentsApi documents = new DocumentsApi(as(login));
        assertEquals("no_receipt", expectProblem(409, () -> documents.getPaymentReceipt(failed.getId())).getCode());
        assertEquals("not_found", expectProblem(404, () -> documents.getPaymentReceipt("pay_nosuchpayment")).getCode());
        // Another account's payment looks like one that does not exist.
        LoginResponse other = customer();
        assertEquals("not_found", expectProblem(404, () -> new DocumentsApi(as(other)).getPaymentReceipt(failed.getId())).getCode());
        assertEquals(401, expectProblem(401, () -> new DocumentsApi(anonymous()).getPaymentReceipt(failed.getId())).getStatus());
    }

    @Test
    void aMonthsStatementOpensWhereTheLastClosedAndAddsUp() throws Exception {
        LoginResponse login = customer();
        addCard(login, VISA);
        InternalApi internal = new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));
        String account = login.getAccountId();
        YearMonth first = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));

        // First month: a charge, paid; then another, left owing.
        internal.postInternalCharge(account, "setup-" + account, new ChargeRequest().amount(1000L).description("Setup fee"));
        assertEquals(PaymentStatus.SUCCEEDED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        internal.postInternalCharge(account, "plan-1-" + account, new ChargeRequest().amount(1500L).description("Pro plan, month 1"));

        // Into the next month (a day after its start), where the first month's balance is the opening one.
        Instant nextStart = first.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        clock.advance(Duration.between(clock.instant(), nextStart).plusDays(1));
        login = relogin(login);
        internal.postInternalCharge(account, "plan-2-" + account, new ChargeRequest().amount(2500L).description("Pro plan, month 2"));
        internal.postInternalCredit(account, "goodwill-" + account, new CreditRequest().amount(500L).reason("Goodwill credit"));
        internal.postInternalCharge(account, "usage-" + account, new ChargeRequest().amount(700L).description("Usage, to settle").settled(false));
        Payment second = new PaymentsApi(as(login)).payBalance(null, null);
        assertEquals(PaymentStatus.SUCCEEDED, second.getStatus());
        assertEquals(3500L, second.getAmount());

        DocumentsApi documents = new DocumentsApi(as(login));
        assertEquals(List.of(first.plusMonths(1).toString(), first.toString()),
                documents.listStatements().getData().stream().map(StatementMonth::getMonth).toList());

        byte[] firstPdf = bytes(documents.getStatementWithHttpInfo(first.toString()));
        PdfText one = PdfText.of(firstPdf);
        assertEquals(1, one.pages());
        one.hasLine("Account holder " + ACCOUNT_NAME);
        one.hasLine(day(first.atDay(1)) + " Opening balance $0.00");
        one.hasLine("Period " + longDay(first.atDay(1)) + " – " + longDay(first.atEndOfMonth()) + ", UTC");
        assertTrue(one.line("Setup fee").endsWith("Charge $10.00 $10.00"), one.line("Setup fee"));
        assertTrue(one.lines().stream().anyMatch(l -> l.endsWith("Payment -$10.00 $0.00")), () -> String.join("\n", one.lines()));
        assertTrue(one.line("Pro plan, month 1").endsWith("Charge $15.00 $15.00"), one.line("Pro plan, month 1"));
        one.hasLine("Charges $25.00");
        one.hasLine("Payments -$10.00");
        one.hasLine("Change in the balance $15.00");
        one.hasLine(day(first.atEndOfMonth()) + " Closing balance $15.00");

        byte[] secondPdf = bytes(documents.getStatementWithHttpInfo(first.plusMonths(1).toString()));
        PdfText two = PdfText.of(secondPdf);
        // Month 2 opens where month 1 closed.
        two.hasLine(day(first.plusMonths(1).atDay(1)) + " Opening balance $15.00");
        assertTrue(two.line("Period ").endsWith(" (so far), UTC"), two.line("Period "));
        assertTrue(two.line("Pro plan, month 2").endsWith("Charge $25.00 $40.00"), two.line("Pro plan, month 2"));
        assertTrue(two.line("Goodwill credit").endsWith("Credit -$5.00 $35.00"), two.line("Goodwill credit"));
        assertTrue(two.lines().stream().anyMatch(l -> l.endsWith("Payment -$35.00 $0.00")), () -> String.join("\n", two.lines()));
        two.hasLine("Charges $25.00");
        two.hasLine("Credits -$5.00");
        two.hasLine("Payments -$35.00");
        two.hasLine("Change in the balance -$15.00");
        assertTrue(two.lines().stream().anyMatch(l -> l.endsWith("Closing balance $0.00")), () -> String.join("\n", two.lines()));
        // The pending charge is listed apart, outside the balance.
        assertTrue(two.line("Usage, to settle").endsWith("$7.00"), two.line("Usage, to settle"));
        two.hasLine("Pending at the end of the period $7.00");
        PdfText.renderPageOne(secondPdf, "statement");

        // A description with a character XML cannot hold (what the contract fuzzer sent) still makes a statement.
        internal.postInternalCharge(account, "odd-" + account, new ChargeRequest().amount(100L).description("Odd\u0012 description"));
        PdfText odd = PdfText.of(bytes(documents.getStatementWithHttpInfo(first.plusMonths(1).toString())));
        assertTrue(odd.line("Odd description").endsWith("Charge $1.00 $1.00"), odd.line("Odd description"));

        assertEquals("not_found", expectProblem(404, () -> documents.getStatement(first.plusMonths(2).toString())).getCode());
        assertEquals("not_found", expectProblem(404, () -> documents.getStatement(first.minusMonths(1).toString())).getCode());
        assertEquals(400, expectProblem(400, () -> documents.getStatement("2026-13")).getStatus());
    }
}
