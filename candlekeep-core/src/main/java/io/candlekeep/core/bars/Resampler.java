package io.candlekeep.core.bars;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives coarse bars from fine ones along a market calendar (DESIGN §3): open = first, high = max, low = min,
 * close = last, volume = sum over the fine bars inside each coarse bucket.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * Resamples {@code fine} (bars of {@code fineTimeframe}) into bars of {@code coarseTimeframe}. Each fine bar goes
     * into the coarse bar containing its start; fine bars outside trading, or not on the calendar's fine grid, are
     * ignored. A coarse bar is final only when its end is at or before {@code now}, every fine bar in it is final and
     * every fine bar the calendar expects in it is present, so a bucket still forming or with a hole is not final.
     * Buckets without any fine bar produce no coarse bar.
     *
     * @throws IllegalArgumentException when {@code coarseTimeframe} is not longer than {@code fineTimeframe}
     */
    public static BarSeries resample(BarSeries fine, Timeframe fineTimeframe, Timeframe coarseTimeframe,
            MarketCalendar calendar, Instant now) {
        Objects.requireNonNull(fine, "fine");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(now, "now");
        requireCoarser(fineTimeframe, coarseTimeframe);
        BarSeries.Builder out = BarSeries.builder(
                (int) (fine.size() * fineTimeframe.millis() / coarseTimeframe.millis()) + 1);
        int n = fine.size();
        int i = 0;
        while (i < n) {
            Optional<Instant> bucket = calendar.barStartContaining(coarseTimeframe, fine.start(i));
            if (bucket.isEmpty()) {
                i++;
                continue;
            }
            Instant bucketStart = bucket.get();
            Instant bucketEnd = calendar.barEnd(coarseTimeframe, bucketStart);
            int next = fine.indexAtOrAfter(bucketEnd.toEpochMilli());
            long[] expected = calendar.expectedStarts(fineTimeframe, bucketStart, bucketEnd);
            aggregate(fine, i, next, expected, bucketStart.toEpochMilli(), !bucketEnd.isAfter(now), out);
            i = Math.max(next, i + 1);
        }
        return out.build();
    }

    /**
     * The {@code [start, end)} of every coarse bar overlapping {@code [fromInclusive, toExclusive)}, ascending: after
     * fine bars in that range were written or revised, these are the coarse bars to recompute.
     */
    public static List<TimeRange> coarseBucketsTouching(Timeframe coarseTimeframe, MarketCalendar calendar,
            Instant fromInclusive, Instant toExclusive) {
        Objects.requireNonNull(coarseTimeframe, "coarseTimeframe");
        Objects.requireNonNull(calendar, "calendar");
        if (!fromInclusive.isBefore(toExclusive)) {
            return List.of();
        }
        List<TimeRange> buckets = new ArrayList<>();
        // A bar is never longer than its timeframe, so any bar overlapping the range starts after from - tf.
        Instant searchFrom = fromInclusive.minus(coarseTimeframe.duration()).plusMillis(1);
        for (long start : calendar.expectedStarts(coarseTimeframe, searchFrom, toExclusive)) {
            Instant s = Instant.ofEpochMilli(start);
            Instant end = calendar.barEnd(coarseTimeframe, s);
            if (end.isAfter(fromInclusive)) {
                buckets.add(TimeRange.of(s, end));
            }
        }
        return List.copyOf(buckets);
    }

    /** Folds the fine bars {@code [from, to)} whose starts the calendar expects into one coarse bar. */
    private static void aggregate(BarSeries fine, int from, int to, long[] expected, long bucketStart, boolean ended,
            BarSeries.Builder out) {
        double open = 0;
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double close = 0;
        double volume = 0;
        boolean allFinal = true;
        int present = 0;
        int e = 0;
        for (int i = from; i < to; i++) {
            long s = fine.startMillis(i);
            while (e < expected.length && expected[e] < s) {
                e++;
            }
            if (e == expected.length || expected[e] != s) {
                continue; // off the fine grid: not a bar this calendar knows
            }
            if (present == 0) {
                open = fine.open(i);
            }
            high = Math.max(high, fine.high(i));
            low = Math.min(low, fine.low(i));
            close = fine.close(i);
            volume += fine.volume(i);
            allFinal &= fine.isFinal(i);
            present++;
            e++;
        }
        if (present > 0) {
            out.add(bucketStart, open, high, low, close, volume, ended && allFinal && present == expected.length);
        }
    }

    private static void requireCoarser(Timeframe fineTimeframe, Timeframe coarseTimeframe) {
        Objects.requireNonNull(fineTimeframe, "fineTimeframe");
        Objects.requireNonNull(coarseTimeframe, "coarseTimeframe");
        if (coarseTimeframe.millis() <= fineTimeframe.millis()) {
            throw new IllegalArgumentException("Cannot resample " + fineTimeframe.code() + " into "
                    + coarseTimeframe.code() + ": the target timeframe must be longer");
        }
    }
}
