package io.candlekeep.app.bars;

import io.candlekeep.app.bars.HotBarCache.CachedSeries;
import io.candlekeep.app.store.BarTable;
import io.candlekeep.app.store.DatabaseUnavailable;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link BarStore} that answers reads of recent bars from {@link HotBarCache}. The first read of a series
 * loads everything inside its timeframe's horizon (or the whole series when it holds nothing older); later reads
 * are a binary search and an array copy. A read reaching further back than the cached part goes to the
 * delegate.
 *
 * <p>Writes go to the delegate and, once committed, are merged into the cached entry, so a reader never sees
 * bars older than the store's. Writes are serialised here, which costs nothing: the store has one writer
 * connection anyway, and it keeps two writes of the same bar from reaching the cache in the wrong order. Every
 * write of bars must go through this class, or the cache must be invalidated after it. Each series written (or whose
 * write failed with an unknown outcome) is reported to {@code written}: other instances on the same database drop
 * their cached copy of it ({@code HotCacheRelay}).
 */
public final class CachingBarStore implements BarStore {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final BarStore delegate;
    private final HotBarCache cache;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Consumer<Collection<SeriesId>> written;

    /** A store that reports its writes to nobody. */
    public CachingBarStore(BarStore delegate, HotBarCache cache, Clock clock) {
        this(delegate, cache, clock, series -> {
        });
    }

    public CachingBarStore(BarStore delegate, HotBarCache cache, Clock clock, Consumer<Collection<SeriesId>> written) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.written = Objects.requireNonNull(written, "written");
    }

    public HotBarCache cache() {
        return cache;
    }

    @Override
    public int upsert(SeriesId series, List<Bar> bars) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(bars, "bars");
        if (bars.isEmpty()) {
            return 0;
        }
        writeLock.lock();
        try {
            int changed;
            try {
                changed = delegate.upsert(series, bars);
            } catch (RuntimeException e) {
                // The outcome of a failed commit is unknown; the next read reloads.
                cache.invalidate(series);
                written.accept(List.of(series));
                throw e;
            }
            mergeOrInvalidate(series, bars);
            if (changed > 0) {
                written.accept(List.of(series));
            }
            return changed;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
        Objects.requireNonNull(barsBySeries, "barsBySeries");
        writeLock.lock();
        try {
            int changed;
            try {
                changed = delegate.upsertAll(barsBySeries);
            } catch (RuntimeException e) {
                barsBySeries.keySet().forEach(cache::invalidate);
                written.accept(barsBySeries.keySet());
                throw e;
            }
            barsBySeries.forEach(this::mergeOrInvalidate);
            if (changed > 0) {
                written.accept(barsBySeries.keySet());
            }
            return changed;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int deleteBefore(SeriesId series, Instant cutoffExclusive) {
        writeLock.lock();
        try {
            int removed = delegate.deleteBefore(series, cutoffExclusive);
            if (removed > 0) {
                // the cached copy holds trimmed bars; the next read reloads what is left
                cache.invalidate(series);
                written.accept(List.of(series));
            }
            return removed;
        } catch (RuntimeException e) {
            cache.invalidate(series);
            written.accept(List.of(series));
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<SeriesId> seriesIds() {
        return delegate.seriesIds();
    }

    private void mergeOrInvalidate(SeriesId series, List<Bar> bars) {
        try {
            cache.merge(series, bars);
        } catch (RuntimeException e) {
            cache.invalidate(series);
            throw e;
        }
    }

    @Override
    public BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        return readVersioned(series, startInclusive, endExclusive, limit).bars();
    }

    /**
     * What {@link #read} answered, and the cached entry it was answered from: {@code version} is that entry (compared
     * by identity: every load and every merge that changes it makes a new one), or null when the answer came from the
     * store. An answer derived from {@code bars} stays right while {@link #versionOf} is the same {@code version}.
     */
    public record VersionedRead(BarSeries bars, Object version) {
    }

    /** The cached entry of {@code series} a read would be answered from now, or null when there is none or it is stale. */
    public Object versionOf(SeriesId series) {
        CachedSeries cached = cache.getIfPresent(series);
        return cached == null || cache.isStale(cached) ? null : cached;
    }

    /** {@link #read}, telling which cached entry answered. */
    public VersionedRead readVersioned(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        Objects.requireNonNull(series, "series");
        long from = BarTable.toMillis(Objects.requireNonNull(startInclusive, "startInclusive"));
        long to = BarTable.toMillis(Objects.requireNonNull(endExclusive, "endExclusive"));
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit == 0 || from >= to) {
            return new VersionedRead(BarSeries.empty(), null);
        }
        CachedSeries cached = cache.getIfPresent(series);
        boolean loaded = false;
        if (cached == null && to <= horizonStart(series)) {
            // Entirely older than anything the cache would hold: loading the recent part would not help.
            cache.recordStoreRead();
            return new VersionedRead(delegate.read(series, startInclusive, endExclusive, limit), null);
        }
        if (cached == null || cache.isStale(cached)) {
            try {
                cached = cache.get(series, this::load);
                loaded = true;
            } catch (RuntimeException e) {
                if (cached == null || !DatabaseUnavailable.causes(e)) {
                    throw e;
                }
                // the database is away: the copy loaded a little longer ago is still the best answer there is
                cache.recordStaleRead();
                loaded = true;
            }
        }
        BarSeries answer;
        if (cached.covers(from)) {
            answer = cached.bars().range(from, to, limit);
        } else {
            // When the cached part alone holds limit bars of the range, they are the newest limit of it.
            BarSeries recent = cached.bars().range(cached.coversFromMillis(), to, limit);
            if (recent.size() < limit) {
                cache.recordStoreRead();
                return new VersionedRead(delegate.read(series, startInclusive, endExclusive, limit), null);
            }
            answer = recent;
        }
        if (!loaded) {
            cache.recordHit();
        }
        return new VersionedRead(answer, cached);
    }

    @Override
    public Optional<SeriesStats> stats(SeriesId series) {
        CachedSeries cached = cache.getIfPresent(Objects.requireNonNull(series, "series"));
        if (cached == null || cached.coversFromMillis() != Long.MIN_VALUE || cache.isStale(cached)) {
            return delegate.stats(series);
        }
        BarSeries bars = cached.bars();
        return bars.isEmpty() ? Optional.empty()
                : Optional.of(new SeriesStats(bars.start(0), bars.start(bars.size() - 1), bars.size()));
    }

    /** Series whose whole history is cached are answered from the cache, the rest in one call to the delegate. */
    @Override
    public Map<SeriesId, SeriesStats> stats(Collection<SeriesId> series) {
        Map<SeriesId, SeriesStats> result = new HashMap<>();
        List<SeriesId> uncached = new ArrayList<>();
        for (SeriesId id : series) {
            CachedSeries cached = cache.getIfPresent(Objects.requireNonNull(id, "series"));
            if (cached == null || cached.coversFromMillis() != Long.MIN_VALUE || cache.isStale(cached)) {
                uncached.add(id);
            } else if (!cached.bars().isEmpty()) {
                BarSeries bars = cached.bars();
                result.put(id, new SeriesStats(bars.start(0), bars.start(bars.size() - 1), bars.size()));
            }
        }
        if (!uncached.isEmpty()) {
            result.putAll(delegate.stats(uncached));
        }
        return result;
    }

    private CachedSeries load(SeriesId series) {
        long horizonStart = horizonStart(series);
        Instant horizon = Instant.ofEpochMilli(horizonStart);
        BarSeries recent = delegate.read(series, horizon, LATEST, Integer.MAX_VALUE);
        boolean olderExist = !delegate.read(series, EARLIEST, horizon, 1).isEmpty();
        return new CachedSeries(olderExist ? horizonStart : Long.MIN_VALUE, recent);
    }

    private long horizonStart(SeriesId series) {
        return clock.millis() - cache.horizon(series.timeframe()).toMillis();
    }

}
