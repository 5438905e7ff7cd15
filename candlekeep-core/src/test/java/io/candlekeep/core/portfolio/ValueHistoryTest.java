package io.candlekeep.core.portfolio;

import static io.candlekeep.core.portfolio.TestTrades.buy;
import static io.candlekeep.core.portfolio.TestTrades.dec;
import static io.candlekeep.core.portfolio.TestTrades.sell;
import static io.candlekeep.core.portfolio.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ValueHistoryTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final Symbol SAP = Symbol.of("SAP.DE");
    private static final Symbol USDEUR = Symbol.of("USDEUR=X");

    /** 2024-07-01 is a Monday; 2024-07-04 is a NYSE holiday. */
    private static LocalDate jul(int day) {
        return LocalDate.of(2024, 7, day);
    }

    /** Closes on the given July days, one a day in order. */
    private static DailyCloses closes(int[] julyDays, double... values) {
        long[] days = new long[julyDays.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = jul(julyDays[i]).toEpochDay();
        }
        return DailyCloses.of(days, values);
    }

    /** AAPL: 100, 101, 102 on Mon-Wed, nothing on the 4th of July, 104 on Friday, 105 on Monday. */
    private static final DailyCloses AAPL_CLOSES = closes(new int[] {1, 2, 3, 5, 8}, 100, 101, 102, 104, 105);

    /** 10 AAPL bought before the range at 99: 990 USD invested. */
    private static final Trade OPENING_BUY = buy(1, "AAPL", "10", "99", "2024-06-28T15:00:00Z");

    private static List<ValuePoint> usd(List<Trade> trades, LocalDate from, LocalDate to, boolean includeWeekends) {
        return ValueHistory.compute(trades, from, to, Map.of(AAPL, AAPL_CLOSES), Map.of(), "USD", includeWeekends);
    }

    @Test
    void compute_holiday_carriesTheLastCloseAndFlagsIt() {
        List<ValuePoint> points = usd(List.of(OPENING_BUY), jul(3), jul(5), false);

        assertThat(points).containsExactly(
                new ValuePoint(jul(3), dec("1020.00"), dec("990.00"), List.of(), List.of()),
                new ValuePoint(jul(4), dec("1020.00"), dec("990.00"), List.of(AAPL), List.of()),
                new ValuePoint(jul(5), dec("1040.00"), dec("990.00"), List.of(), List.of()));
    }

    @Test
    void compute_weekend_appearsOnlyWithIncludeWeekends() {
        assertThat(usd(List.of(OPENING_BUY), jul(5), jul(8), false)).extracting(ValuePoint::date)
                .containsExactly(jul(5), jul(8));

        List<ValuePoint> withWeekends = usd(List.of(OPENING_BUY), jul(5), jul(8), true);

        assertThat(withWeekends).extracting(ValuePoint::date).containsExactly(jul(5), jul(6), jul(7), jul(8));
        assertThat(withWeekends.get(1).value()).isEqualTo(dec("1040.00"));
        assertThat(withWeekends.get(1).carried()).containsExactly(AAPL);
        assertThat(withWeekends.get(3).carried()).isEmpty();
    }

    @Test
    void compute_foreignHoldingInEuroBase_convertsAtEachDaysRate() {
        List<Trade> trades = List.of(
                trade(1, "AAPL", TradeSide.BUY, "10", "99", "1", "USD", "2024-06-28T15:00:00Z"),
                trade(2, "SAP.DE", TradeSide.BUY, "2", "150", "0", "EUR", "2024-06-28T09:00:00Z"));
        Map<Symbol, DailyCloses> closes = Map.of(AAPL, AAPL_CLOSES, SAP, closes(new int[] {1, 2, 3}, 160, 161, 162));
        Map<String, DailyCloses> fx = Map.of("USD", closes(new int[] {1, 2}, 0.90, 0.92));

        List<ValuePoint> points = ValueHistory.compute(trades, jul(1), jul(3), closes, fx, "EUR", false);

        // AAPL 10 * close * rate + SAP.DE 2 * close; invested 991 USD * rate + 300 EUR
        assertThat(points).containsExactly(
                new ValuePoint(jul(1), dec("1220.00"), dec("1191.90"), List.of(), List.of()),
                new ValuePoint(jul(2), dec("1251.20"), dec("1211.72"), List.of(), List.of()),
                new ValuePoint(jul(3), dec("1262.40"), dec("1211.72"), List.of(USDEUR), List.of()));
    }

    @Test
    void compute_sellMidRange_lowersHoldingAndInvestedFromItsDay() {
        List<Trade> trades = List.of(OPENING_BUY,
                trade(2, "AAPL", TradeSide.SELL, "4", "103", "2", "USD", "2024-07-02T19:00:00Z"));

        List<ValuePoint> points = usd(trades, jul(1), jul(3), false);

        // the sale returns 4 * 103 - 2 = 410
        assertThat(points).extracting(ValuePoint::value).containsExactly(dec("1000.00"), dec("606.00"), dec("612.00"));
        assertThat(points).extracting(ValuePoint::invested).containsExactly(dec("990.00"), dec("580.00"), dec("580.00"));
    }

    @Test
    void compute_tradeLateInTheUtcDay_countsFromThatDateNotTheNext() {
        List<Trade> trades = List.of(
                buy(1, "AAPL", "1", "100", "2024-07-01T23:59:59Z"),
                buy(2, "AAPL", "2", "100", "2024-07-02T00:00:00Z"));

        assertThat(usd(trades, jul(1), jul(2), false)).extracting(ValuePoint::value)
                .containsExactly(dec("100.00"), dec("303.00"));
    }

    @Test
    void compute_dayBeforeAnyClose_isMissingAndExcludedFromValue() {
        List<Trade> trades = List.of(OPENING_BUY,
                buy(2, "MSFT", "1", "400", "2024-07-01T15:00:00Z"),
                buy(3, "TSLA", "1", "200", "2024-07-01T15:00:00Z"));
        Map<Symbol, DailyCloses> closes = Map.of(AAPL, AAPL_CLOSES, MSFT, closes(new int[] {2}, 410));

        List<ValuePoint> points = ValueHistory.compute(trades, jul(1), jul(2), closes, Map.of(), "USD", false);

        assertThat(points).containsExactly(
                new ValuePoint(jul(1), dec("1000.00"), dec("1590.00"), List.of(), List.of(MSFT, Symbol.of("TSLA"))),
                new ValuePoint(jul(2), dec("1420.00"), dec("1590.00"), List.of(), List.of(Symbol.of("TSLA"))));
    }

    @Test
    void compute_currencyWithoutRate_isMissingAndExcludedFromValueAndInvested() {
        List<Trade> trades = List.of(OPENING_BUY, trade(2, "SAP.DE", TradeSide.BUY, "1", "150", "0", "EUR",
                "2024-06-28T09:00:00Z"));
        Map<Symbol, DailyCloses> closes = Map.of(AAPL, AAPL_CLOSES, SAP, closes(new int[] {1, 2}, 160, 161));
        Map<String, DailyCloses> fx = Map.of("USD", closes(new int[] {2}, 0.9));

        List<ValuePoint> points = ValueHistory.compute(trades, jul(1), jul(2), closes, fx, "EUR", false);

        assertThat(points).containsExactly(
                new ValuePoint(jul(1), dec("160.00"), dec("150.00"), List.of(), List.of(USDEUR)),
                new ValuePoint(jul(2), dec("1070.00"), dec("1041.00"), List.of(), List.of()));
    }

    @Test
    void compute_closedHoldingAndTradesAfterTheRange_doNotCount() {
        List<Trade> trades = List.of(OPENING_BUY,
                sell(2, "AAPL", "10", "100", "2024-06-28T16:00:00Z"),
                buy(3, "MSFT", "1", "400", "2024-07-09T15:00:00Z"));

        List<ValuePoint> points = usd(trades, jul(1), jul(1), false);

        // MSFT is bought after the range and has no closes: it is neither missing nor counted
        assertThat(points).containsExactly(new ValuePoint(jul(1), dec("0.00"), dec("-10.00"), List.of(), List.of()));
    }

    @Test
    void compute_baseWithoutFractionDigits_roundsToWholeUnits() {
        List<Trade> trades = List.of(trade(1, "AAPL", TradeSide.BUY, "1", "99.5", "0", "USD", "2024-06-28T15:00:00Z"));
        Map<String, DailyCloses> fx = Map.of("USD", closes(new int[] {1}, 150.5));

        ValuePoint point = ValueHistory.compute(trades, jul(1), jul(1), Map.of(AAPL, AAPL_CLOSES), fx, "JPY", false)
                .getFirst();

        assertThat(point.value()).isEqualTo(dec("15050"));
        // 99.5 * 150.5 = 14974.75
        assertThat(point.invested()).isEqualTo(dec("14975"));
    }

    @Test
    void compute_invalidArguments_areRejectedQuotingThem() {
        assertThatThrownBy(() -> usd(List.of(), jul(5), jul(4), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Value history range [2024-07-05, 2024-07-04] ends before it starts");
        assertThatThrownBy(() -> ValueHistory.compute(List.of(), jul(1), jul(2), Map.of(), Map.of(), "eur", false))
                .hasMessageContaining("'baseCurrency'");
        List<Trade> mixed = List.of(OPENING_BUY,
                trade(2, "AAPL", TradeSide.BUY, "1", "90", "0", "EUR", "2024-07-01T15:00:00Z"));
        assertThatThrownBy(() -> usd(mixed, jul(1), jul(2), false)).isInstanceOf(PortfolioRuleException.class);
    }
}
