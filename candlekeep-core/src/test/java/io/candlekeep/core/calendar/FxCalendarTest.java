package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FxCalendarTest {

    private final MarketCalendar fx = MarketCalendars.fx();

    private static Instant z(String text) {
        return Instant.parse(text);
    }

    @Test
    void nameAndZone_areFxUtc() {
        assertThat(fx.name()).isEqualTo("FX");
        assertThat(fx.zone()).isEqualTo(ZoneOffset.UTC);
    }

    // Sunday 17:00 New York is 21:00Z under EDT and 22:00Z under EST; the same for the Friday close.
    @ParameterizedTest(name = "week opening {0}")
    @CsvSource({
            "2024-06-09T21:00:00Z, 2024-06-14T21:00:00Z",
            "2024-01-07T22:00:00Z, 2024-01-12T22:00:00Z",
            "2024-03-10T21:00:00Z, 2024-03-15T21:00:00Z",
            "2024-03-03T22:00:00Z, 2024-03-08T22:00:00Z",
            "2024-11-03T22:00:00Z, 2024-11-08T22:00:00Z",
            "2024-10-27T21:00:00Z, 2024-11-01T21:00:00Z",
    })
    void expectedStarts_1hOverWeek_runsFromSunday17ToFriday17NewYork(Instant weekOpen, Instant weekClose) {
        long[] starts = fx.expectedStarts(Timeframe.H1, weekOpen.minusSeconds(86_400), weekClose.plusSeconds(86_400));
        assertThat(starts).hasSize(120);
        assertThat(Instant.ofEpochMilli(starts[0])).isEqualTo(weekOpen);
        assertThat(Instant.ofEpochMilli(starts[119])).isEqualTo(weekClose.minusSeconds(3600));
        assertThat(fx.barStartContaining(Timeframe.H1, weekOpen.minusMillis(1))).isEmpty();
        assertThat(fx.barStartContaining(Timeframe.H1, weekClose)).isEmpty();
    }

    @Test
    void expectedStarts_4hAroundSummerSundayOpen_includesTheBarOverlappingTheOpen() {
        long[] starts = fx.expectedStarts(Timeframe.H4, z("2024-06-08T00:00:00Z"), z("2024-06-10T08:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(
                z("2024-06-09T20:00:00Z"), z("2024-06-10T00:00:00Z"), z("2024-06-10T04:00:00Z"));
        assertThat(fx.barEnd(Timeframe.H4, z("2024-06-09T20:00:00Z"))).isEqualTo(z("2024-06-10T00:00:00Z"));
        assertThat(fx.barStartContaining(Timeframe.H4, z("2024-06-09T21:30:00Z"))).contains(z("2024-06-09T20:00:00Z"));
        assertThat(fx.barStartContaining(Timeframe.H1, z("2024-06-09T20:30:00Z"))).isEmpty();
    }

    @Test
    void barEnd_lastBarsOfWinterWeek_areCutAtTheFridayClose() {
        assertThat(fx.barEnd(Timeframe.H4, z("2024-01-12T20:00:00Z"))).isEqualTo(z("2024-01-12T22:00:00Z"));
        assertThat(fx.barEnd(Timeframe.D1, z("2024-01-12T00:00:00Z"))).isEqualTo(z("2024-01-12T22:00:00Z"));
        assertThat(fx.barEnd(Timeframe.H1, z("2024-01-12T21:00:00Z"))).isEqualTo(z("2024-01-12T22:00:00Z"));
        assertThat(fx.isAligned(Timeframe.H1, z("2024-01-12T22:00:00Z"))).isFalse();
    }

    @Test
    void barEnd_lastBarsOfSummerWeek_areCutAtTheFridayClose() {
        assertThat(fx.barEnd(Timeframe.H4, z("2024-06-14T20:00:00Z"))).isEqualTo(z("2024-06-14T21:00:00Z"));
        assertThat(fx.barEnd(Timeframe.D1, z("2024-06-14T00:00:00Z"))).isEqualTo(z("2024-06-14T21:00:00Z"));
        assertThat(fx.isAligned(Timeframe.H1, z("2024-06-14T21:00:00Z"))).isFalse();
    }

    @Test
    void expectedStarts_1dOverWeek_isMondayToFridayAtMidnightUtc() {
        long[] starts = fx.expectedStarts(Timeframe.D1, z("2024-06-08T00:00:00Z"), z("2024-06-17T00:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(
                z("2024-06-10T00:00:00Z"), z("2024-06-11T00:00:00Z"), z("2024-06-12T00:00:00Z"),
                z("2024-06-13T00:00:00Z"), z("2024-06-14T00:00:00Z"));
        assertThat(fx.barStartContaining(Timeframe.D1, z("2024-06-09T23:00:00Z"))).isEmpty();
    }

    @Test
    void expectedStarts_1dOver2024_countsWeekdaysIncludingHolidays() {
        assertThat(fx.expectedStarts(Timeframe.D1, z("2024-01-01T00:00:00Z"), z("2025-01-01T00:00:00Z"))).hasSize(262);
    }

    @Test
    void session_weekDays_areUtcSlicesOfTheOpenWeek() {
        assertThat(fx.session(LocalDate.of(2024, 6, 8))).isEmpty();
        MarketCalendar.Session sunday = fx.session(LocalDate.of(2024, 6, 9)).orElseThrow();
        assertThat(sunday.open()).isEqualTo(z("2024-06-09T21:00:00Z"));
        assertThat(sunday.close()).isEqualTo(z("2024-06-10T00:00:00Z"));
        MarketCalendar.Session wednesday = fx.session(LocalDate.of(2024, 6, 12)).orElseThrow();
        assertThat(wednesday.open()).isEqualTo(z("2024-06-12T00:00:00Z"));
        assertThat(wednesday.close()).isEqualTo(z("2024-06-13T00:00:00Z"));
        MarketCalendar.Session friday = fx.session(LocalDate.of(2024, 1, 12)).orElseThrow();
        assertThat(friday.close()).isEqualTo(z("2024-01-12T22:00:00Z"));
        assertThat(fx.isTradingDay(LocalDate.of(2024, 12, 25))).isTrue();
    }

    @Test
    void nextBarStart_fridayCloseBeforeDstStarts_isSundayOpenInDaylightTime() {
        assertThat(fx.nextBarStart(Timeframe.H1, z("2024-03-08T22:00:00Z"))).isEqualTo(z("2024-03-10T21:00:00Z"));
        assertThat(fx.nextBarStart(Timeframe.H1, z("2024-11-01T21:00:00Z"))).isEqualTo(z("2024-11-03T22:00:00Z"));
    }

    @Test
    void nextBarStart_saturday_isSundayOpenOnItsGrid() {
        assertThat(fx.nextBarStart(Timeframe.H1, z("2024-06-08T12:00:00Z"))).isEqualTo(z("2024-06-09T21:00:00Z"));
        assertThat(fx.nextBarStart(Timeframe.H4, z("2024-06-08T12:00:00Z"))).isEqualTo(z("2024-06-09T20:00:00Z"));
        assertThat(fx.nextBarStart(Timeframe.D1, z("2024-06-08T12:00:00Z"))).isEqualTo(z("2024-06-10T00:00:00Z"));
    }
}
