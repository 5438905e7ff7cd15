package io.candlekeep.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ForecastTargetsTest {

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void after_nyseHourlyBarOnAFridayAfternoon_continuesAtMondaysOpen() {
        // Friday 2025-06-13 15:30 New York (19:30Z) is the last 1h bar of the week
        assertThat(ForecastTargets.after(MarketCalendars.nyse(), Timeframe.H1, t("2025-06-13T19:30:00Z"), 3))
                .containsExactly(t("2025-06-16T13:30:00Z"), t("2025-06-16T14:30:00Z"), t("2025-06-16T15:30:00Z"));
    }

    @Test
    void after_nyseDailyBarsOverChristmas_skipTheHoliday() {
        // 2025-12-24 is an early close, the 25th a holiday
        assertThat(ForecastTargets.after(MarketCalendars.nyse(), Timeframe.D1, t("2025-12-23T14:30:00Z"), 2))
                .containsExactly(t("2025-12-24T14:30:00Z"), t("2025-12-26T14:30:00Z"));
    }

    @Test
    void after_cryptoHourlyBars_areEveryHour() {
        assertThat(ForecastTargets.after(MarketCalendars.crypto(), Timeframe.H1, t("2025-06-14T23:00:00Z"), 2))
                .containsExactly(t("2025-06-15T00:00:00Z"), t("2025-06-15T01:00:00Z"));
    }

    @Test
    void after_everyTarget_isAnAlignedBarStart() {
        var calendar = MarketCalendars.nyse();
        for (Timeframe tf : Timeframe.values()) {
            Instant last = calendar.nextBarStart(tf, t("2025-03-07T15:00:00Z"));
            assertThat(ForecastTargets.after(calendar, tf, last, 40)).allSatisfy(s -> assertThat(calendar.isAligned(tf, s))
                    .as("%s %s", tf, s).isTrue()).isSorted().doesNotHaveDuplicates().doesNotContain(last);
        }
    }

    @Test
    void after_noStep_isRefused() {
        assertThatThrownBy(() -> ForecastTargets.after(MarketCalendars.crypto(), Timeframe.H1, t("2025-06-14T23:00:00Z"), 0))
                .hasMessageContaining("steps must be >= 1 but was 0");
    }
}
