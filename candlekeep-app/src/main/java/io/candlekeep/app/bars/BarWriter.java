package io.candlekeep.app.bars;

import io.candlekeep.app.store.StoreSelection;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Writes fetched bars and keeps the series derived from them current: a written or revised 1h bar
 * recomputes every 4h bar that contains it (DESIGN §3). What it reads to write (the finer bars of a bucket, the
 * stored forming bar) comes from the database itself where other instances write too: their bars reach this
 * instance's cache only when its entry ages out, and a bar built from a stale copy would overwrite theirs.
 */
@Component
public class BarWriter {

    private final BarStore store;
    private final BarStore readsFrom;
    private final Clock clock;
    private final AtomicLong barsWritten = new AtomicLong();
    /** Rows written per timeframe, derived ones included; filled once, then only counted, so any thread reads it. */
    private final Map<Timeframe, LongAdder> rowsByTimeframe = new EnumMap<>(Timeframe.class);

    /** Reads and writes {@code store}. */
    public BarWriter(BarStore store, Clock clock) {
        this(store, store, clock);
    }

    @Autowired
    BarWriter(BarStore store, @Qualifier("databaseBarStore") BarStore database, Environment env, Clock clock) {
        this(store, StoreSelection.isPostgres(env) ? database : store, clock);
    }

    /** Writes {@code store} (the cache in front of the database), reads what it rebuilds from {@code readsFrom}. */
    public BarWriter(BarStore store, BarStore readsFrom, Clock clock) {
        this.store = store;
        this.readsFrom = readsFrom;
        this.clock = clock;
        for (Timeframe timeframe : Timeframe.values()) {
            rowsByTimeframe.put(timeframe, new LongAdder());
        }
    }

    /** Upserts {@code bars} into {@code series} and rebuilds the touched bars of each {@code derived} timeframe. */
    public int write(SeriesId series, List<Bar> bars, Set<Timeframe> derived) {
        if (bars.isEmpty()) {
            return 0;
        }
        int rows = store.upsert(series, bars);
        barsWritten.addAndGet(rows);
        rowsByTimeframe.get(series.timeframe()).add(rows);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Bar bar : bars) {
            first = Math.min(first, bar.startMillis());
            last = Math.max(last, bar.startMillis());
        }
        Instant end = Instant.ofEpochMilli(last).plus(series.timeframe().duration());
        return rows + rederive(series, derived, TimeRange.of(Instant.ofEpochMilli(first), end));
    }

    /** The stored bar of {@code series} that starts at {@code start}, as the database holds it now. */
    public Optional<Bar> findStored(SeriesId series, Instant start) {
        BarSeries found = readsFrom.read(series, start, start.plusMillis(1), 1);
        return found.isEmpty() || found.startMillis(0) != start.toEpochMilli() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Rows inserted or changed since start, across all series: health watches it move while markets are open. */
    public long barsWritten() {
        return barsWritten.get();
    }

    /** Rows of {@code timeframe} inserted or changed since start, the bars derived from finer ones included. */
    public long barsWritten(Timeframe timeframe) {
        return rowsByTimeframe.get(timeframe).sum();
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
            BarSeries fine = readsFrom.read(source, from, to, Integer.MAX_VALUE);
            if (fine.isEmpty()) {
                continue;
            }
            BarSeries built = Resampler.resample(fine, source.timeframe(), coarse, calendar, clock.instant());
            int written = store.upsert(SeriesId.of(source.symbol(), coarse), built.toList());
            rowsByTimeframe.get(coarse).add(written);
            rows += written;
        }
        return rows;
    }
}
