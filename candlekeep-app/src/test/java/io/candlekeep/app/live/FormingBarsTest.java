package io.candlekeep.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.Quote;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class FormingBarsTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Instant START = Instant.parse("2026-03-11T14:30:00Z");
    private static final Instant TIME = Instant.parse("2026-03-11T14:41:00Z");

    private static Quote dayQuote(double price) {
        return new Quote(AAPL, price, TIME, OptionalDouble.of(100), OptionalDouble.of(112), OptionalDouble.of(95), 5_000,
                OptionalDouble.of(99), "USD", "REGULAR");
    }

    @Test
    void merge_storedIntradayBar_keepsOpenAndVolumeWidensRangeAndClosesAtThePrice() {
        Bar stored = Bar.of(START, 100, 101, 99, 100.5, 700, false);

        Bar merged = FormingBars.merge(stored, Quote.of(AAPL, 102, TIME), Timeframe.H1, START);

        assertThat(merged).isEqualTo(Bar.of(START, 100, 102, 99, 102, 700, false));
    }

    @Test
    void merge_priceInsideTheStoredRange_onlyMovesTheClose() {
        Bar stored = Bar.of(START, 100, 103, 98, 101, 700, false);

        assertThat(FormingBars.merge(stored, Quote.of(AAPL, 99, TIME), Timeframe.M15, START))
                .isEqualTo(Bar.of(START, 100, 103, 98, 99, 700, false));
    }

    @Test
    void merge_noStoredIntradayBar_opensAtThePriceWithoutVolume() {
        assertThat(FormingBars.merge(null, dayQuote(101), Timeframe.M15, START))
                .isEqualTo(Bar.of(START, 101, 101, 101, 101, 0, false));
    }

    @Test
    void merge_noStoredDailyBar_takesTheQuotesDayFields() {
        Instant day = Instant.parse("2026-03-11T13:30:00Z");

        assertThat(FormingBars.merge(null, dayQuote(101), Timeframe.D1, day))
                .isEqualTo(Bar.of(day, 100, 112, 95, 101, 5_000, false));
    }

    @Test
    void merge_storedDailyBar_keepsItsOpenAndTakesDayRangeAndVolume() {
        Instant day = Instant.parse("2026-03-11T13:30:00Z");
        Bar stored = Bar.of(day, 99.5, 110, 96, 104, 3_000, false);

        assertThat(FormingBars.merge(stored, dayQuote(101), Timeframe.D1, day))
                .isEqualTo(Bar.of(day, 99.5, 112, 95, 101, 5_000, false));
    }

    @Test
    void merge_dailyQuoteWithoutDayFields_keepsStoredVolume() {
        Instant day = Instant.parse("2026-03-11T13:30:00Z");
        Bar stored = Bar.of(day, 99.5, 110, 96, 104, 3_000, false);

        assertThat(FormingBars.merge(stored, Quote.of(AAPL, 111, TIME), Timeframe.D1, day))
                .isEqualTo(Bar.of(day, 99.5, 111, 96, 111, 3_000, false));
    }

    @Test
    void merge_finalStoredBar_isRefused() {
        Bar stored = Bar.of(START, 100, 101, 99, 100.5, 700, true);

        assertThatThrownBy(() -> FormingBars.merge(stored, Quote.of(AAPL, 102, TIME), Timeframe.H1, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("final");
    }
}
