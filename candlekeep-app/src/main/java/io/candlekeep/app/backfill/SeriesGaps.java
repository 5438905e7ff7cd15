package io.candlekeep.app.backfill;

import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.gaps.GapDetector;
import io.candlekeep.core.store.BarStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** The gaps of a stored series against its calendar. */
@Component
public class SeriesGaps {

    private final BarStore store;

    SeriesGaps(BarStore store) {
        this.store = store;
    }

    /**
     * The missing runs of {@code series} in {@code range}, oldest first. With {@code finalOnly}, a bar still
     * forming counts as missing (it is to be fetched again).
     */
    public List<TimeRange> missing(SeriesId series, TimeRange range, boolean finalOnly) {
        if (range.isEmpty()) {
            return List.of();
        }
        BarSeries stored = store.read(series, range.startInclusive(), range.endExclusive(), Integer.MAX_VALUE);
        long[] starts = new long[stored.size()];
        int n = 0;
        for (int i = 0; i < stored.size(); i++) {
            if (!finalOnly || stored.isFinal(i)) {
                starts[n++] = stored.startMillis(i);
            }
        }
        return GapDetector.gaps(series.timeframe(), MarketCalendars.forSymbol(series.symbol()),
                Arrays.copyOf(starts, n), range.startInclusive(), range.endExclusive());
    }

    /**
     * As {@link #missing}, over the bars that have ended from {@code startInclusive} to {@code now}. A bar still
     * forming is no gap: the live refresh and the tail sync keep it current.
     */
    public List<TimeRange> missingEnded(SeriesId series, Instant startInclusive, Instant now, boolean finalOnly) {
        Instant forming = MarketCalendars.forSymbol(series.symbol()).barStartContaining(series.timeframe(), now)
                .orElse(now);
        return forming.isAfter(startInclusive) ? missing(series, TimeRange.of(startInclusive, forming), finalOnly)
                : List.of();
    }
}
