package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class MarketCalendarsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"STOCK, NYSE", "ETF, NYSE", "INDEX, NYSE", "CRYPTO, CRYPTO", "FX, FX", "MACRO, WEEKDAYS"})
    void forAssetClass_mapsEveryClass(AssetClass assetClass, String calendarName) {
        assertThat(MarketCalendars.forAssetClass(assetClass).name()).isEqualTo(calendarName);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"AAPL, NYSE", "^GSPC, NYSE", "BTC-USD, CRYPTO", "EURUSD=X, FX", "FRED:DGS10, WEEKDAYS"})
    void forSymbol_usesTheInferredAssetClass(String symbol, String calendarName) {
        assertThat(MarketCalendars.forSymbol(Symbol.of(symbol)).name()).isEqualTo(calendarName);
    }

    @Test
    void factories_returnSingletons() {
        assertThat(MarketCalendars.nyse()).isSameAs(MarketCalendars.forAssetClass(AssetClass.STOCK));
        assertThat(MarketCalendars.crypto()).isSameAs(MarketCalendars.forAssetClass(AssetClass.CRYPTO));
        assertThat(MarketCalendars.fx()).isSameAs(MarketCalendars.forAssetClass(AssetClass.FX));
        assertThat(MarketCalendars.weekdays()).isSameAs(MarketCalendars.forAssetClass(AssetClass.MACRO));
    }

    @Test
    void weekdays_dailyBarsMondayToFridayAtMidnightUtc() {
        MarketCalendar weekdays = MarketCalendars.weekdays();
        long[] starts = weekdays.expectedStarts(Timeframe.D1, Instant.parse("2024-06-08T00:00:00Z"),
                Instant.parse("2024-06-17T00:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(
                Instant.parse("2024-06-10T00:00:00Z"), Instant.parse("2024-06-11T00:00:00Z"),
                Instant.parse("2024-06-12T00:00:00Z"), Instant.parse("2024-06-13T00:00:00Z"),
                Instant.parse("2024-06-14T00:00:00Z"));
        assertThat(weekdays.isTradingDay(LocalDate.of(2024, 6, 15))).isFalse();
        assertThat(weekdays.isTradingDay(LocalDate.of(2024, 7, 4))).isTrue();
        assertThat(weekdays.barEnd(Timeframe.D1, Instant.parse("2024-06-14T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-06-15T00:00:00Z"));
        assertThat(weekdays.nextBarStart(Timeframe.D1, Instant.parse("2024-06-14T00:00:01Z")))
                .isEqualTo(Instant.parse("2024-06-17T00:00:00Z"));
    }
}
