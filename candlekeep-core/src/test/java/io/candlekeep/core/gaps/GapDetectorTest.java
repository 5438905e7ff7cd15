package io.candlekeep.core.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

final class GapDetectorTest {

    private static final MarketCalendar NYSE = MarketCalendars.nyse();
    private static final MarketCalendar CRYPTO = MarketCalendars.crypto();

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    private static long[] without(long[] all, long... removed) {
        return LongStream.of(all).filter(s -> Arrays.stream(removed).noneMatch(r -> r == s)).toArray();
    }

    @Test
    void gaps_everyExpectedBarStored_isEmpty() {
        Instant from = t("2025-01-06T00:00:00Z");
        Instant to = t("2025-01-11T00:00:00Z");
        long[] stored = NYSE.expectedStarts(Timeframe.H1, from, to);

        assertThat(GapDetector.gaps(Timeframe.H1, NYSE, stored, from, to)).isEmpty();
    }

    @Test
    void gaps_weekendsAndHolidays_areNotGaps() {
        // 2025-01-09 was a full closure (national day of mourning) and 2025-01-11/12 a weekend
        Instant from = t("2025-01-08T00:00:00Z");
        Instant to = t("2025-01-14T00:00:00Z");
        long[] stored = NYSE.expectedStarts(Timeframe.D1, from, to);

        assertThat(stored).hasSize(3);
        assertThat(GapDetector.gaps(Timeframe.D1, NYSE, stored, from, to)).isEmpty();
    }

    @Test
    void gaps_oneMissingHourInside_isOneRangeEndingAtThatBarsEnd() {
        Instant from = t("2025-01-06T00:00:00Z");
        Instant to = t("2025-01-08T00:00:00Z");
        long missing = t("2025-01-06T16:30:00Z").toEpochMilli();
        long[] stored = without(NYSE.expectedStarts(Timeframe.H1, from, to), missing);

        assertThat(GapDetector.gaps(Timeframe.H1, NYSE, stored, from, to))
                .containsExactly(TimeRange.of(t("2025-01-06T16:30:00Z"), t("2025-01-06T17:30:00Z")));
    }

    @Test
    void gaps_missingRunAcrossTheWeekend_isOneRange() {
        Instant from = t("2025-01-09T00:00:00Z");
        Instant to = t("2025-01-15T00:00:00Z");
        long[] all = NYSE.expectedStarts(Timeframe.D1, from, to);
        // Friday 10th and Monday 13th missing: nothing is expected between them
        long[] stored = without(all, t("2025-01-10T14:30:00Z").toEpochMilli(), t("2025-01-13T14:30:00Z").toEpochMilli());

        assertThat(GapDetector.gaps(Timeframe.D1, NYSE, stored, from, to))
                .containsExactly(TimeRange.of(t("2025-01-10T14:30:00Z"), t("2025-01-13T21:00:00Z")));
    }

    @Test
    void gaps_nothingStored_isTheWholeExpectedSpan() {
        Instant from = t("2025-03-01T00:00:00Z");
        Instant to = t("2025-03-01T12:00:00Z");

        assertThat(GapDetector.gaps(Timeframe.H4, CRYPTO, new long[0], from, to))
                .containsExactly(TimeRange.of(t("2025-03-01T00:00:00Z"), t("2025-03-01T12:00:00Z")));
    }

    @Test
    void gaps_storedBarsOffTheGridOrOutsideTheRange_areIgnored() {
        Instant from = t("2025-03-01T00:00:00Z");
        Instant to = t("2025-03-01T08:00:00Z");
        long[] stored = {t("2025-02-28T20:00:00Z").toEpochMilli(), t("2025-03-01T00:00:00Z").toEpochMilli(),
                t("2025-03-01T01:00:00Z").toEpochMilli(), t("2025-03-01T08:00:00Z").toEpochMilli()};

        assertThat(GapDetector.gaps(Timeframe.H4, CRYPTO, stored, from, to))
                .containsExactly(TimeRange.of(t("2025-03-01T04:00:00Z"), t("2025-03-01T08:00:00Z")));
    }

    @Test
    void gaps_twoSeparateHoles_areTwoRangesOldestFirst() {
        Instant from = t("2025-03-01T00:00:00Z");
        Instant to = t("2025-03-02T00:00:00Z");
        long[] all = CRYPTO.expectedStarts(Timeframe.H1, from, to);
        long[] stored = without(all, all[2], all[3], all[10]);

        List<TimeRange> gaps = GapDetector.gaps(Timeframe.H1, CRYPTO, stored, from, to);

        assertThat(gaps).containsExactly(
                TimeRange.of(Instant.ofEpochMilli(all[2]), Instant.ofEpochMilli(all[4])),
                TimeRange.of(Instant.ofEpochMilli(all[10]), Instant.ofEpochMilli(all[11])));
        assertThat(GapDetector.missingCount(Timeframe.H1, CRYPTO, stored, from, to)).isEqualTo(3);
    }

    @Test
    void covered_isTheComplementOfTheGapsInsideTheRange() {
        Instant from = t("2025-03-01T00:00:00Z");
        Instant to = t("2025-03-02T00:00:00Z");
        List<TimeRange> gaps = List.of(TimeRange.of(t("2025-03-01T02:00:00Z"), t("2025-03-01T04:00:00Z")));

        assertThat(GapDetector.covered(TimeRange.of(from, to), gaps)).containsExactly(
                TimeRange.of(from, t("2025-03-01T02:00:00Z")),
                TimeRange.of(t("2025-03-01T04:00:00Z"), to));
    }
}
