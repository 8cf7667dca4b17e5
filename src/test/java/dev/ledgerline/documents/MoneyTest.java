package dev.ledgerline.documents;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoneyTest {

    @Test
    void minorUnitsAreMovedByTheCurrencysOwnDigits() {
        assertEquals("$1,234.56", Money.format(123456, "usd"));
        assertEquals("$0.05", Money.format(5, "usd"));
        assertEquals("-$12.00", Money.format(-1200, "usd"));
        assertEquals("¥1,234", Money.format(1234, "jpy"));
        assertEquals("KWD 1.234", Money.format(1234, "kwd"));
        assertEquals("€0.99", Money.format(99, "eur"));
        assertEquals("£10.00", Money.format(1000, "GBP"));
    }

    @Test
    void theLargestAmountsStayExact() {
        // A double has 53 bits: past 2^53 cents it would round; BigDecimal does not.
        assertEquals("$92,233,720,368,547,758.07", Money.format(Long.MAX_VALUE, "usd"));
        assertEquals("-$92,233,720,368,547,758.08", Money.format(Long.MIN_VALUE, "usd"));
    }

    @Test
    void anUnknownCurrencyPrintsItsCodeWithTwoDigits() {
        assertEquals("XYZ 12.34", Money.format(1234, "xyz"));
    }
}
