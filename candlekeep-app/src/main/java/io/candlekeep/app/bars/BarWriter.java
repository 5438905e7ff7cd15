package io.candlekeep.app.bars;

import io.candlekeep.core.bars.Resampler;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Writes fetched bars and keeps the series derived from them current: a written or revised 1h bar
 * recomputes every 4h bar that contains it (DESIGN §3).
 */
@Component
public class BarWriter {

    private final BarStore store;
    private final Clock clock;
    private final AtomicLong barsWritten = new AtomicLong();

    public BarWriter(BarStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Upserts {@code bars} into {@code series} and rebuilds the touched bars of each {@code derived} timeframe. */
    public int write(SeriesId series, List<Bar> bars, Set<Timeframe> derived) {
        if (bars.isEmpty()) {
            return 0;
        }
        int rows = store.upsert(series, bars);
        barsWritten.addAndGet(rows);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Bar bar : bars) {
            first = Math.min(first, bar.startMillis());
            last = Math.max(last, bar.startMillis());
        }
        Instant end = Instant.ofEpochMilli(last).plus(series.timeframe().duration());
        return rows + rederive(series, derived, TimeRange.of(Instant.ofEpochMilli(first), end));
    }

    /** Rows inserted or changed since start, across all series: health watches it move while markets are open. */
    public long barsWritten() {
        return barsWritten.get();
    }

    /** Rebuilds the bars of each {@code derived} timeframe whose buckets overlap {@code range} from the stored source. */
    public int rederive(SeriesId source, Set<Timeframe> derived, TimeRange range) {
        int rows = 0;
        MarketCalendar calendar = MarketCalendars.forSymbol(source.symbol());
        for (Timeframe coarse : derived) {
            if (coarse.millis() <= source.timeframe().millis() || coarse.millis() % source.timeframe().millis() != 0) {
                throw new IllegalArgumentException("Cannot derive " + coarse + " from " + source);
            }
            List<TimeRange> buckets = Resampler.coarseBucketsTouching(coarse, calendar, range.startInclusive(),
                    range.endExclusive());
            if (buckets.isEmpty()) {
                continue;
            }
            Instant from = buckets.getFirst().startInclusive();
            Instant to = buckets.getLast().endExclusive();
            BarSeries fine = store.read(source, from, to, Integer.MAX_VALUE);
            if (fine.isEmpty()) {
                continue;
            }
            BarSeries built = Resampler.resample(fine, source.timeframe(), coarse, calendar, clock.instant());
            rows += store.upsert(SeriesId.of(source.symbol(), coarse), built.toList());
        }
        return rows;
    }
}
