package io.candlekeep.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class CryptoCalendarTest {

    private final MarketCalendar crypto = MarketCalendars.crypto();

    private static Instant z(String text) {
        return Instant.parse(text);
    }

    @Test
    void nameAndZone_areCryptoUtc() {
        assertThat(crypto.name()).isEqualTo("CRYPTO");
        assertThat(crypto.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-07-04", "2024-12-25", "2024-06-15", "2024-06-16", "2025-01-01"})
    void session_anyDate_isTheWholeUtcDay(LocalDate date) {
        assertThat(crypto.isTradingDay(date)).isTrue();
        MarketCalendar.Session session = crypto.session(date).orElseThrow();
        assertThat(session.open()).isEqualTo(date.atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(session.close()).isEqualTo(date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(session.earlyClose()).isFalse();
    }

    @Test
    void expectedStarts_4hOnSaturday_isTheEpochGrid() {
        long[] starts = crypto.expectedStarts(Timeframe.H4, z("2024-06-15T00:00:00Z"), z("2024-06-16T00:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(
                z("2024-06-15T00:00:00Z"), z("2024-06-15T04:00:00Z"), z("2024-06-15T08:00:00Z"),
                z("2024-06-15T12:00:00Z"), z("2024-06-15T16:00:00Z"), z("2024-06-15T20:00:00Z"));
    }

    @ParameterizedTest(name = "{0}: {1} starts")
    @CsvSource({"15m, 96", "1h, 24", "4h, 6", "1d, 1"})
    void expectedStarts_oneUtcDay_countsEveryBar(String timeframe, int count) {
        assertThat(crypto.expectedStarts(Timeframe.of(timeframe), z("2024-03-10T00:00:00Z"), z("2024-03-11T00:00:00Z")))
                .hasSize(count);
    }

    @Test
    void expectedStarts_1dOverLeapYear_is366Days() {
        assertThat(crypto.expectedStarts(Timeframe.D1, z("2024-01-01T00:00:00Z"), z("2025-01-01T00:00:00Z")))
                .hasSize(366);
    }

    @Test
    void expectedStarts_unalignedRange_startsAtNextGridPoint() {
        long[] starts = crypto.expectedStarts(Timeframe.H4, z("2024-06-15T01:00:00Z"), z("2024-06-15T08:00:00Z"));
        assertThat(Arrays.stream(starts).mapToObj(Instant::ofEpochMilli)).containsExactly(z("2024-06-15T04:00:00Z"));
    }

    @ParameterizedTest(name = "{0} containing {1} -> {2}")
    @CsvSource({
            "4h, 2024-06-15T07:59:59.999Z, 2024-06-15T04:00:00Z",
            "1d, 2024-06-15T23:00:00Z, 2024-06-15T00:00:00Z",
            "15m, 2024-06-15T00:14:00Z, 2024-06-15T00:00:00Z",
            "1h, 1969-12-31T23:30:00Z, 1969-12-31T23:00:00Z",
    })
    void barStartContaining_floorsToEpochGrid(String timeframe, Instant t, Instant expected) {
        assertThat(crypto.barStartContaining(Timeframe.of(timeframe), t)).contains(expected);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
            "4h, 2024-06-15T04:00:00Z, 2024-06-15T04:00:00Z",
            "4h, 2024-06-15T04:00:00.001Z, 2024-06-15T08:00:00Z",
            "1d, 2024-12-31T00:00:01Z, 2025-01-01T00:00:00Z",
    })
    void nextBarStart_ceilsToEpochGrid(String timeframe, Instant t, Instant expected) {
        assertThat(crypto.nextBarStart(Timeframe.of(timeframe), t)).isEqualTo(expected);
    }

    @Test
    void isAlignedAndBarEnd_followTheEpochGrid() {
        assertThat(crypto.isAligned(Timeframe.H4, z("2024-06-15T04:00:00Z"))).isTrue();
        assertThat(crypto.isAligned(Timeframe.H4, z("2024-06-15T05:00:00Z"))).isFalse();
        assertThat(crypto.isAligned(Timeframe.D1, z("2024-06-15T13:30:00Z"))).isFalse();
        assertThat(crypto.barEnd(Timeframe.H4, z("2024-06-15T20:00:00Z"))).isEqualTo(z("2024-06-16T00:00:00Z"));
        assertThat(crypto.barEnd(Timeframe.D1, z("2024-06-15T00:00:00Z"))).isEqualTo(z("2024-06-16T00:00:00Z"));
        assertThatThrownBy(() -> crypto.barEnd(Timeframe.H4, z("2024-06-15T05:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024-06-15T05:00:00Z");
    }
}
