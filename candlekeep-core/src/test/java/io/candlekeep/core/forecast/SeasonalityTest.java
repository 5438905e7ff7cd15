package io.candlekeep.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class SeasonalityTest {

    /** A Wednesday with a full NYSE session. */
    private static final Instant WEDNESDAY = Instant.parse("2025-06-11T18:00:00Z");

    @Test
    void barsPerTradingDay_nyse_isTheBarsOfAFullSession() {
        // 09:30 to 16:00: seven 1h bars (the last one half an hour), 26 of 15 minutes, two of 4 hours
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.H1, WEDNESDAY)).hasValue(7);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.M15, WEDNESDAY)).hasValue(26);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.H4, WEDNESDAY)).hasValue(2);
    }

    @Test
    void barsPerTradingDay_cryptoAndFx_isTheUtcDay() {
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.crypto(), Timeframe.H1, WEDNESDAY)).hasValue(24);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.crypto(), Timeframe.M15, WEDNESDAY)).hasValue(96);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.crypto(), Timeframe.H4, WEDNESDAY)).hasValue(6);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.fx(), Timeframe.H1, WEDNESDAY)).hasValue(24);
    }

    @Test
    void barsPerTradingDay_nearAnEarlyCloseOrAWeekend_isStillAFullSession() {
        // Friday after Thanksgiving 2025 closes at 13:00 (four 1h bars); the Sunday after it has none
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.H1,
                Instant.parse("2025-11-28T17:00:00Z"))).hasValue(7);
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.H1,
                Instant.parse("2025-11-30T17:00:00Z"))).hasValue(7);
    }

    @Test
    void barsPerTradingDay_dailyBars_haveNoSeason() {
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.nyse(), Timeframe.D1, WEDNESDAY)).isEmpty();
        assertThat(Seasonality.barsPerTradingDay(MarketCalendars.crypto(), Timeframe.D1, WEDNESDAY)).isEmpty();
    }
}
