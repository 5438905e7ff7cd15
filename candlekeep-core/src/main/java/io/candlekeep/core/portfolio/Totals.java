package io.candlekeep.core.portfolio;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * Several {@link PositionValuation}s summed in the base currency at full precision; call
 * {@link #roundedTo(String)} for output.
 *
 * @param unrealizedGainPercent the unrealized gain as a percentage of the size of the cost basis;
 *        {@code null} when the cost basis is zero
 * @param dayChange the sum of the day changes that are known
 * @param positionsWithoutDayChange how many valuations had no day change (previous close unknown)
 */
public record Totals(BigDecimal marketValue, BigDecimal costBasis, BigDecimal unrealizedGain,
        BigDecimal unrealizedGainPercent, BigDecimal dayChange, int positionsWithoutDayChange) {

    public Totals {
        Checks.required(marketValue, "marketValue");
        Checks.required(costBasis, "costBasis");
        Checks.required(unrealizedGain, "unrealizedGain");
        Checks.required(dayChange, "dayChange");
    }

    /** Sums unrounded valuations, all in the same base currency. */
    public static Totals of(Collection<PositionValuation> valuations) {
        BigDecimal marketValue = BigDecimal.ZERO;
        BigDecimal costBasis = BigDecimal.ZERO;
        BigDecimal dayChange = BigDecimal.ZERO;
        int withoutDayChange = 0;
        for (PositionValuation v : valuations) {
            marketValue = marketValue.add(v.marketValue());
            costBasis = costBasis.add(v.costBasisInBase());
            if (v.dayChange() == null) {
                withoutDayChange++;
            } else {
                dayChange = dayChange.add(v.dayChange());
            }
        }
        BigDecimal gain = marketValue.subtract(costBasis);
        return new Totals(marketValue, costBasis, gain, Money.percentOf(gain, costBasis), dayChange, withoutDayChange);
    }

    /** A copy for output: money rounded to {@code baseCurrency}'s digits, the percentage to two. */
    public Totals roundedTo(String baseCurrency) {
        return new Totals(Money.round(marketValue, baseCurrency), Money.round(costBasis, baseCurrency),
                Money.round(unrealizedGain, baseCurrency), Money.roundPercent(unrealizedGainPercent),
                Money.round(dayChange, baseCurrency), positionsWithoutDayChange);
    }
}
