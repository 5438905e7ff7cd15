package io.candlekeep.app.testing;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BarStore} in memory with the same upsert rule as the SQLite store, counting the calls it gets. */
public final class InMemoryBarStore implements BarStore {

    private final Map<SeriesId, NavigableMap<Long, Bar>> series = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile RuntimeException nextWriteFailure;

    public int reads() {
        return reads.get();
    }

    /** The next write throws {@code failure} after it has written, as a commit that failed late would. */
    public void failNextWrite(RuntimeException failure) {
        this.nextWriteFailure = failure;
    }

    @Override
    public synchronized int upsert(SeriesId id, List<Bar> bars) {
        return upsertAll(Map.of(id, bars));
    }

    @Override
    public synchronized int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
        int changed = 0;
        for (Map.Entry<SeriesId, List<Bar>> e : barsBySeries.entrySet()) {
            NavigableMap<Long, Bar> stored = series.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
            for (Bar bar : e.getValue()) {
                Bar old = stored.get(bar.startMillis());
                if (old == null || ((!old.isFinal() || bar.isFinal()) && !old.equals(bar))) {
                    stored.put(bar.startMillis(), bar);
                    changed++;
                }
            }
        }
        RuntimeException failure = nextWriteFailure;
        if (failure != null) {
            nextWriteFailure = null;
            throw failure;
        }
        return changed;
    }

    @Override
    public synchronized BarSeries read(SeriesId id, Instant startInclusive, Instant endExclusive, int limit) {
        reads.incrementAndGet();
        NavigableMap<Long, Bar> stored = series.get(id);
        if (stored == null || limit == 0 || millis(startInclusive) >= millis(endExclusive)) {
            return BarSeries.empty();
        }
        List<Bar> inRange = List.copyOf(stored.subMap(millis(startInclusive), true, millis(endExclusive), false)
                .values());
        return BarSeries.of(inRange.subList(Math.max(0, inRange.size() - limit), inRange.size()));
    }

    @Override
    public synchronized int deleteBefore(SeriesId id, Instant cutoffExclusive) {
        NavigableMap<Long, Bar> bars = series.get(id);
        if (bars == null) {
            return 0;
        }
        var trimmed = bars.headMap(cutoffExclusive.toEpochMilli(), false);
        int n = trimmed.size();
        trimmed.clear();
        return n;
    }

    @Override
    public List<SeriesId> seriesIds() {
        return List.copyOf(series.keySet());
    }

    @Override
    public synchronized Optional<SeriesStats> stats(SeriesId id) {
        NavigableMap<Long, Bar> stored = series.get(id);
        return stored == null || stored.isEmpty() ? Optional.empty()
                : Optional.of(new SeriesStats(stored.firstEntry().getValue().start(),
                        stored.lastEntry().getValue().start(), stored.size()));
    }

    private static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
