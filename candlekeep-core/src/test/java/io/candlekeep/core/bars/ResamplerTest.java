package io.candlekeep.core.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResamplerTest {

    private static final MarketCalendar NYSE = MarketCalendars.nyse();
    private static final MarketCalendar CRYPTO = MarketCalendars.crypto();

    private static Instant z(String text) {
        return Instant.parse(text);
    }

    /** Bar i of a run: open 100+i, high 105+i, low 95+i, close 101+i, volume 10*(i+1). */
    private static Bar bar(String start, int i, boolean isFinal) {
        return Bar.of(z(start), 100 + i, 105 + i, 95 + i, 101 + i, 10 * (i + 1), isFinal);
    }

    /** The seven 1h bars of Wednesday 2024-06-12 (EDT), with a spike high on bar 2 and a dip low on bar 1. */
    private static List<Bar> nyseHourBars() {
        String[] starts = {"2024-06-12T13:30:00Z", "2024-06-12T14:30:00Z", "2024-06-12T15:30:00Z",
                "2024-06-12T16:30:00Z", "2024-06-12T17:30:00Z", "2024-06-12T18:30:00Z", "2024-06-12T19:30:00Z"};
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            bars.add(bar(starts[i], i, true));
        }
        bars.set(1, Bar.of(z(starts[1]), 101, 106, 90, 102, 20, true));
        bars.set(2, Bar.of(z(starts[2]), 102, 120, 97, 103, 30, true));
        return bars;
    }

    @Test
    void resample_1hTo4hNyseDay_bucketsBySessionWithOhlcv() {
        BarSeries coarse = Resampler.resample(BarSeries.of(nyseHourBars()), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-13T00:00:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-06-12T13:30:00Z"), 100, 120, 90, 104, 100, true),
                Bar.of(z("2024-06-12T17:30:00Z"), 104, 111, 99, 107, 180, true));
    }

    @Test
    void resample_partialLastBucket_isNotFinal() {
        List<Bar> bars = new ArrayList<>(nyseHourBars().subList(0, 6));
        bars.set(5, bars.get(5).withFinal(false));

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-12T18:45:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-06-12T13:30:00Z"), 100, 120, 90, 104, 100, true),
                Bar.of(z("2024-06-12T17:30:00Z"), 104, 110, 99, 106, 110, false));
    }

    @Test
    void resample_missingFineBar_bucketIsNotFinal() {
        List<Bar> bars = new ArrayList<>(nyseHourBars());
        bars.remove(2);

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-20T00:00:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-06-12T13:30:00Z"), 100, 108, 90, 104, 70, false),
                Bar.of(z("2024-06-12T17:30:00Z"), 104, 111, 99, 107, 180, true));
    }

    @Test
    void resample_fineBarNotFinal_bucketIsNotFinal() {
        List<Bar> bars = new ArrayList<>(nyseHourBars());
        bars.set(6, bars.get(6).withFinal(false));

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-20T00:00:00Z"));

        assertThat(coarse.isFinal(0)).isTrue();
        assertThat(coarse.isFinal(1)).isFalse();
    }

    @Test
    void resample_bucketEndAfterNow_isNotFinalEvenWhenComplete() {
        BarSeries coarse = Resampler.resample(BarSeries.of(nyseHourBars()), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-12T19:59:59Z"));

        assertThat(coarse.isFinal(0)).isTrue();
        assertThat(coarse.isFinal(1)).isFalse();
    }

    @Test
    void resample_15mTo1h_lastHourOfSessionHasTwoQuarters() {
        List<Bar> bars = List.of(
                bar("2024-06-12T13:30:00Z", 0, true), bar("2024-06-12T13:45:00Z", 1, true),
                bar("2024-06-12T14:00:00Z", 2, true), bar("2024-06-12T14:15:00Z", 3, true),
                bar("2024-06-12T14:30:00Z", 4, true),
                bar("2024-06-12T19:30:00Z", 5, true), bar("2024-06-12T19:45:00Z", 6, true));

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.M15, Timeframe.H1, NYSE,
                z("2024-06-13T00:00:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-06-12T13:30:00Z"), 100, 108, 95, 104, 100, true),
                Bar.of(z("2024-06-12T14:30:00Z"), 104, 109, 99, 105, 50, false),
                Bar.of(z("2024-06-12T19:30:00Z"), 105, 111, 100, 107, 130, true));
    }

    @Test
    void resample_1hTo1dAcrossHolidayAndEarlyClose_oneBarPerSessionAtTheOpen() {
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (int h = 0; h < 7; h++) {
            bars.add(bar(z("2024-11-27T14:30:00Z").plusSeconds(3600L * h).toString(), i++, true));
        }
        for (int h = 0; h < 4; h++) {
            bars.add(bar(z("2024-11-29T14:30:00Z").plusSeconds(3600L * h).toString(), i++, true));
        }

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.D1, NYSE,
                z("2024-12-01T00:00:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-11-27T14:30:00Z"), 100, 111, 95, 107, 280, true),
                Bar.of(z("2024-11-29T14:30:00Z"), 107, 115, 102, 111, 380, true));
    }

    @Test
    void resample_crypto1hTo4h_usesEpochGrid() {
        List<Bar> bars = new ArrayList<>();
        for (int h = 2; h <= 9; h++) {
            bars.add(bar(String.format("2024-01-01T%02d:00:00Z", h), h - 2, h != 9));
        }

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.H4, CRYPTO,
                z("2024-01-01T09:30:00Z"));

        assertThat(coarse.toList()).containsExactly(
                Bar.of(z("2024-01-01T00:00:00Z"), 100, 106, 95, 102, 30, false),
                Bar.of(z("2024-01-01T04:00:00Z"), 102, 110, 97, 106, 180, true),
                Bar.of(z("2024-01-01T08:00:00Z"), 106, 112, 101, 108, 150, false));
    }

    @Test
    void resample_barsOutsideTradingOrOffTheGrid_areIgnored() {
        List<Bar> bars = new ArrayList<>(nyseHourBars().subList(0, 4));
        bars.add(Bar.of(z("2024-06-12T12:30:00Z"), 1, 500, 1, 1, 999, true));
        bars.add(Bar.of(z("2024-06-12T14:00:00Z"), 1, 500, 1, 1, 999, true));
        bars.add(Bar.of(z("2024-06-15T14:30:00Z"), 1, 500, 1, 1, 999, true));

        BarSeries coarse = Resampler.resample(BarSeries.of(bars), Timeframe.H1, Timeframe.H4, NYSE,
                z("2024-06-20T00:00:00Z"));

        assertThat(coarse.toList()).containsExactly(Bar.of(z("2024-06-12T13:30:00Z"), 100, 120, 90, 104, 100, true));
    }

    @Test
    void resample_emptySeries_isEmpty() {
        assertThat(Resampler.resample(BarSeries.empty(), Timeframe.H1, Timeframe.H4, NYSE, z("2024-06-20T00:00:00Z")))
                .isEqualTo(BarSeries.empty());
    }

    @Test
    void resample_coarseNotCoarserThanFine_throws() {
        assertThatThrownBy(() -> Resampler.resample(BarSeries.empty(), Timeframe.H4, Timeframe.H1, NYSE,
                z("2024-06-20T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4h").hasMessageContaining("1h");
    }

    @Test
    void coarseBucketsTouching_nyse4h_returnsBothSessionBuckets() {
        assertThat(Resampler.coarseBucketsTouching(Timeframe.H4, NYSE, z("2024-06-12T15:00:00Z"),
                z("2024-06-12T18:00:00Z"))).containsExactly(
                TimeRange.of(z("2024-06-12T13:30:00Z"), z("2024-06-12T17:30:00Z")),
                TimeRange.of(z("2024-06-12T17:30:00Z"), z("2024-06-12T20:00:00Z")));
    }

    @Test
    void coarseBucketsTouching_crypto4h_excludesBucketStartingAtRangeEnd() {
        assertThat(Resampler.coarseBucketsTouching(Timeframe.H4, CRYPTO, z("2024-06-12T01:00:00Z"),
                z("2024-06-12T04:00:00Z"))).containsExactly(
                TimeRange.of(z("2024-06-12T00:00:00Z"), z("2024-06-12T04:00:00Z")));
    }

    @Test
    void coarseBucketsTouching_fxBeforeSundayOpen_includesTheBarStraddlingTheOpen() {
        assertThat(Resampler.coarseBucketsTouching(Timeframe.H4, MarketCalendars.fx(), z("2024-06-09T20:30:00Z"),
                z("2024-06-09T21:00:00Z"))).containsExactly(
                TimeRange.of(z("2024-06-09T20:00:00Z"), z("2024-06-10T00:00:00Z")));
    }

    @Test
    void coarseBucketsTouching_nyseWeekend_isEmpty() {
        assertThat(Resampler.coarseBucketsTouching(Timeframe.D1, NYSE, z("2024-06-15T00:00:00Z"),
                z("2024-06-17T00:00:00Z"))).isEmpty();
    }
}
