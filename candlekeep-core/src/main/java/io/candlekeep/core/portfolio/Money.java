package io.candlekeep.core.portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Rounding money for output. Amounts are summed at full precision and rounded once, at the end, to
 * the currency's default fraction digits ({@link Currency}), half-even; a code {@code Currency} does
 * not know (such as {@code BTC}) or one without digits (such as {@code XAU}) gets two.
 */
public final class Money {

    /** Percentages are shown with two decimals. */
    public static final int PERCENT_DIGITS = 2;

    private static final MathContext MATH = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    public static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    /** {@code amount} rounded half-even to {@code currency}'s digits; {@code null} stays {@code null}. */
    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(fractionDigits(currency), RoundingMode.HALF_EVEN);
    }

    static BigDecimal roundPercent(BigDecimal percent) {
        return percent == null ? null : percent.setScale(PERCENT_DIGITS, RoundingMode.HALF_EVEN);
    }

    /** {@code gain} as a percentage of the size of {@code basis}; {@code null} when the basis is zero. */
    static BigDecimal percentOf(BigDecimal gain, BigDecimal basis) {
        return basis.signum() == 0 ? null : gain.multiply(HUNDRED).divide(basis.abs(), MATH);
    }
}
