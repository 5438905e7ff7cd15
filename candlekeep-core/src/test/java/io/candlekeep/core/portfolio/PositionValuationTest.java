package io.candlekeep.core.portfolio;

import static io.candlekeep.core.portfolio.TestTrades.buy;
import static io.candlekeep.core.portfolio.TestTrades.dec;
import static io.candlekeep.core.portfolio.TestTrades.sell;
import static io.candlekeep.core.portfolio.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PositionValuationTest {

    private static final String T = "2024-01-02T15:00:00Z";

    private static Position position(boolean allowShort, Trade... trades) {
        return PositionBook.replay(List.of(trades), allowShort).positions().getFirst();
    }

    /** 10 AAPL bought at 100 with a fee of 1: cost basis 1001 USD. */
    private static Position tenAapl() {
        return position(false, trade(1, "AAPL", TradeSide.BUY, "10", "100", "1", "USD", T));
    }

    @Test
    void of_longPosition_convertsEverythingToBase() {
        PositionValuation v = PositionValuation.of(tenAapl(), 110.25, 108.0, dec("0.9"));

        assertThat(v.price()).isEqualByComparingTo("110.25");
        assertThat(v.marketValue()).isEqualByComparingTo("992.25");
        assertThat(v.costBasisInBase()).isEqualByComparingTo("900.9");
        assertThat(v.unrealizedGain()).isEqualByComparingTo("91.35");
        assertThat(v.unrealizedGainPercent()).isBetween(dec("10.1398601398"), dec("10.1398601399"));
        assertThat(v.dayChange()).isEqualByComparingTo("20.25");
    }

    @Test
    void of_unknownPreviousClose_hasNoDayChange() {
        assertThat(PositionValuation.of(tenAapl(), 110.25, Double.NaN, BigDecimal.ONE).dayChange()).isNull();
    }

    @Test
    void of_shortPosition_gainsWhenThePriceFalls() {
        PositionValuation v = PositionValuation.of(position(true, sell(1, "AAPL", "10", "50", T)), 40, 45, BigDecimal.ONE);

        assertThat(v.marketValue()).isEqualByComparingTo("-400");
        assertThat(v.costBasisInBase()).isEqualByComparingTo("-500");
        assertThat(v.unrealizedGain()).isEqualByComparingTo("100");
        assertThat(v.unrealizedGainPercent()).isEqualByComparingTo("20");
        assertThat(v.dayChange()).isEqualByComparingTo("50");
    }

    @Test
    void of_closedPosition_isZeroWithoutPercent() {
        Position closed = position(false, buy(1, "AAPL", "10", "100", T), sell(2, "AAPL", "10", "120", T));

        PositionValuation v = PositionValuation.of(closed, 130, Double.NaN, BigDecimal.ONE);

        assertThat(v.marketValue()).isZero();
        assertThat(v.unrealizedGain()).isZero();
        assertThat(v.unrealizedGainPercent()).isNull();
        assertThat(v.dayChange()).isZero();
    }

    @Test
    void of_invalidPriceOrRate_isRejectedQuotingValue() {
        assertThatThrownBy(() -> PositionValuation.of(tenAapl(), Double.NaN, 1, BigDecimal.ONE))
                .hasMessage("Field 'price' must be finite and >= 0, was NaN");
        assertThatThrownBy(() -> PositionValuation.of(tenAapl(), 1, -2, BigDecimal.ONE))
                .hasMessage("Field 'previousClose' must be finite and >= 0, was -2.0");
        assertThatThrownBy(() -> PositionValuation.of(tenAapl(), 1, 1, BigDecimal.ZERO))
                .hasMessage("Field 'fxToBase' must be positive, was 0");
    }

    @Test
    void roundedTo_baseCurrency_roundsMoneyToItsDigitsAndPercentToTwo() {
        PositionValuation v = PositionValuation.of(tenAapl(), 110.25, 108.0, dec("0.9")).roundedTo("EUR");

        assertThat(v.marketValue()).isEqualTo(dec("992.25"));
        assertThat(v.costBasisInBase()).isEqualTo(dec("900.90"));
        assertThat(v.unrealizedGainPercent()).isEqualTo(dec("10.14"));
        assertThat(PositionValuation.of(tenAapl(), 110.25, Double.NaN, dec("150.5")).roundedTo("JPY").marketValue())
                .isEqualTo(dec("165926"));
    }

    @Test
    void totals_sumAtFullPrecisionBeforeRounding() {
        PositionValuation half = PositionValuation.of(position(false, buy(1, "X", "1", "0", T)), 0.005, 0.004, BigDecimal.ONE);
        List<PositionValuation> three = List.of(half, half, half);

        assertThat(half.roundedTo("USD").marketValue()).isEqualTo(dec("0.00"));
        Totals totals = Totals.of(three).roundedTo("USD");
        assertThat(totals.marketValue()).isEqualTo(dec("0.02"));
        assertThat(totals.costBasis()).isEqualTo(dec("0.00"));
        assertThat(totals.unrealizedGainPercent()).isNull();
    }

    @Test
    void totals_severalPositions_sumValuesAndCountUnknownDayChanges() {
        PositionValuation a = PositionValuation.of(tenAapl(), 110.25, 108.0, dec("0.9"));
        PositionValuation b = PositionValuation.of(position(false, buy(2, "MSFT", "2", "300", T)), 350, Double.NaN,
                dec("0.9"));

        Totals totals = Totals.of(List.of(a, b));

        assertThat(totals.marketValue()).isEqualByComparingTo("1622.25");
        assertThat(totals.costBasis()).isEqualByComparingTo("1440.9");
        assertThat(totals.unrealizedGain()).isEqualByComparingTo("181.35");
        assertThat(totals.roundedTo("EUR").unrealizedGainPercent()).isEqualTo(dec("12.59"));
        assertThat(totals.dayChange()).isEqualByComparingTo("20.25");
        assertThat(totals.positionsWithoutDayChange()).isEqualTo(1);
        assertThat(Totals.of(List.of()).marketValue()).isZero();
    }
}
