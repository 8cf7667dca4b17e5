package dev.ledgerline.documents;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Minor units as a reader expects them: {@code 123456 usd} is "$1,234.56", {@code 1234 jpy}
 * "¥1,234", {@code 1234 kwd} "KWD 1.234". The decimal point is moved by the currency's own digits
 * (ISO 4217, which is what Stripe's amounts count in: 2 for usd, 0 for jpy, 3 for kwd), on a
 * BigDecimal: never through a double.
 */
public final class Money {

    private Money() {
    }

    /** The digits after the decimal point of the currency's minor unit. */
    public static int digits(String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    public static String format(long minorUnits, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        int digits = digits(code);
        BigDecimal amount = BigDecimal.valueOf(minorUnits, digits);
        DecimalFormat format = (DecimalFormat) NumberFormat.getCurrencyInstance(Locale.US);
        DecimalFormatSymbols symbols = format.getDecimalFormatSymbols();
        String symbol = symbol(code);
        symbols.setCurrencySymbol(symbol);
        format.setDecimalFormatSymbols(symbols);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        // US style puts a minus before the symbol: "-$12.00".
        format.setNegativePrefix("-" + symbol);
        return format.format(amount);
    }

    /** "$", "€", "£", "¥" where there is no doubt which currency it is; otherwise the code and a space. */
    private static String symbol(String code) {
        return switch (code) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            case "JPY" -> "¥";
            default -> code + " ";
        };
    }
}
