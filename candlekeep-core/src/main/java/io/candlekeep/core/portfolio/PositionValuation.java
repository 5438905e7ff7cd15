package io.candlekeep.core.portfolio;

import java.math.BigDecimal;

/**
 * One position valued at a market price, in the base currency: every money field is the position's
 * amount times {@code fxToBase}. The cost basis is converted at today's rate too, so the unrealized
 * gain is the gain in the position's own currency, shown in the base currency. Fields are at full
 * precision so {@link Totals} can sum them; call {@link #roundedTo(String)} for output.
 *
 * @param price the market price in the position's currency
 * @param unrealizedGainPercent the unrealized gain as a percentage of the size of the cost basis;
 *        {@code null} when the cost basis is zero
 * @param dayChange {@code quantity * (price - previousClose) * fxToBase}; {@code null} when the previous
 *        close is unknown (zero for a closed position)
 */
public record PositionValuation(Position position, BigDecimal price, BigDecimal fxToBase, BigDecimal marketValue,
        BigDecimal costBasisInBase, BigDecimal unrealizedGain, BigDecimal unrealizedGainPercent,
        BigDecimal dayChange) {

    public PositionValuation {
        Checks.required(position, "position");
        Checks.nonNegative(price, "price");
        Checks.positive(fxToBase, "fxToBase");
        Checks.required(marketValue, "marketValue");
        Checks.required(costBasisInBase, "costBasisInBase");
        Checks.required(unrealizedGain, "unrealizedGain");
    }

    /**
     * Values {@code position} at {@code price}, with {@code previousClose} for the day change
     * ({@link Double#NaN} when unknown), converting at {@code fxToBase} (base units per unit of the
     * position's currency; {@link FxPair#IDENTITY_RATE} when they are the same).
     */
    public static PositionValuation of(Position position, double price, double previousClose, BigDecimal fxToBase) {
        Checks.required(position, "position");
        BigDecimal last = Checks.price(price, "price");
        BigDecimal previous = Double.isNaN(previousClose) ? null : Checks.price(previousClose, "previousClose");
        Checks.positive(fxToBase, "fxToBase");
        BigDecimal quantityInBase = position.quantity().multiply(fxToBase);
        BigDecimal marketValue = quantityInBase.multiply(last);
        BigDecimal costBasis = position.costBasis().multiply(fxToBase);
        BigDecimal gain = marketValue.subtract(costBasis);
        BigDecimal dayChange;
        if (!position.isOpen()) {
            dayChange = BigDecimal.ZERO;
        } else {
            dayChange = previous == null ? null : quantityInBase.multiply(last.subtract(previous));
        }
        return new PositionValuation(position, last, fxToBase, marketValue, costBasis, gain,
                Money.percentOf(gain, costBasis), dayChange);
    }

    /** A copy for output: money rounded to {@code baseCurrency}'s digits, the percentage to two. Do not sum it. */
    public PositionValuation roundedTo(String baseCurrency) {
        return new PositionValuation(position, price, fxToBase, Money.round(marketValue, baseCurrency),
                Money.round(costBasisInBase, baseCurrency), Money.round(unrealizedGain, baseCurrency),
                Money.roundPercent(unrealizedGainPercent), Money.round(dayChange, baseCurrency));
    }
}
