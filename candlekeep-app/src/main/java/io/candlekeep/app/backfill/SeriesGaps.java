package io.candlekeep.app.backfill;

import io.candlekeep.app.symbols.SymbolCalendars;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.gaps.GapDetector;
import io.candlekeep.core.store.BarStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** The gaps of a stored series against its calendar ({@link SymbolCalendars}: a macro series' frequency's). */
@Component
public class SeriesGaps {

    private final BarStore store;
    private final SymbolCalendars calendars;

    SeriesGaps(BarStore store, SymbolCalendars calendars) {
        this.store = store;
        this.calendars = calendars;
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
        return GapDetector.gaps(series.timeframe(), calendars.of(series.symbol()),
                Arrays.copyOf(starts, n), range.startInclusive(), range.endExclusive());
    }

    /**
     * As {@link #missing}, over the bars that have ended from {@code startInclusive} to {@code now} and are due. A bar
     * still forming is no gap: the live refresh and the tail sync keep it current; nor is a macro observation not yet
     * due ({@link #dueBefore}).
     */
    public List<TimeRange> missingEnded(SeriesId series, Instant startInclusive, Instant now, boolean finalOnly) {
        Instant forming = calendars.of(series.symbol()).barStartContaining(series.timeframe(), now).orElse(now);
        Instant end = min(forming, dueBefore(series, now));
        return end.isAfter(startInclusive) ? missing(series, TimeRange.of(startInclusive, end), finalOnly) : List.of();
    }

    /**
     * Bars of {@code series} starting before this should be stored by {@code now}: {@code now}, except for a macro
     * series, whose newest periods are not yet published ({@link SymbolCalendars#dueBefore}).
     */
    public Instant dueBefore(SeriesId series, Instant now) {
        return calendars.dueBefore(series.symbol(), now);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
