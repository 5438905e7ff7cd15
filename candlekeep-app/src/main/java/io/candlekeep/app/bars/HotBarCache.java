package io.candlekeep.app.bars;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The recent bars of hot series, bounded by the total number of bars held. Each entry is immutable; a write
 * replaces it with a merged copy. Loading and merging the same series are serialised by the cache, so a
 * merge that arrives while the series is being loaded waits for the load and applies on top of it. With a
 * {@linkplain HotBarCacheProperties#maxStaleness() maximum staleness} an entry is {@linkplain #isStale stale} that
 * long after it was loaded, whatever was merged into it since (merges carry this instance's writes, not other
 * instances'): the next read loads it again, and it stays in memory so that a read can still be answered from it
 * while the database is away.
 */
public final class HotBarCache {

    private final Cache<SeriesId, CachedSeries> cache;
    private final Map<Timeframe, Duration> horizons;
    private final LongAdder hits = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder storeReads = new LongAdder();
    private final LongAdder staleReads = new LongAdder();
    private final Ticker ticker;
    private final long maxStalenessNanos;

    public HotBarCache(HotBarCacheProperties properties) {
        this(properties, Ticker.systemTicker());
    }

    /** With the time source that ages entries, for tests. */
    HotBarCache(HotBarCacheProperties properties, Ticker ticker) {
        this.horizons = properties.horizons();
        Caffeine<SeriesId, CachedSeries> builder = Caffeine.newBuilder()
                .maximumWeight(properties.maxBars())
                .weigher((SeriesId id, CachedSeries s) -> s.bars().size() + 1)
                // Maintenance on the calling thread: eviction is cheap and this keeps the bound exact.
                .executor(Runnable::run)
                .recordStats();
        this.ticker = ticker;
        this.maxStalenessNanos = properties.maxStaleness() == null ? Long.MAX_VALUE : properties.maxStaleness().toNanos();
        this.cache = builder.build();
    }

    /** How far back a cached series of {@code timeframe} reaches when it is loaded. */
    public Duration horizon(Timeframe timeframe) {
        return horizons.get(timeframe);
    }

    /** The cached entry, stale or not, or null. */
    CachedSeries getIfPresent(SeriesId series) {
        return cache.getIfPresent(series);
    }

    /** Whether {@code cached} was loaded longer than the maximum staleness ago. */
    boolean isStale(CachedSeries cached) {
        return maxStalenessNanos != Long.MAX_VALUE && ticker.read() - cached.loadedAtNanos() > maxStalenessNanos;
    }

    /**
     * The cached entry, loading it when absent or stale; concurrent callers for the same series wait for one load.
     * When the load fails, the stale entry stays and the failure is thrown.
     */
    CachedSeries get(SeriesId series, Function<SeriesId, CachedSeries> loader) {
        return cache.asMap().compute(series, (id, cached) -> {
            if (cached != null && !isStale(cached)) {
                return cached;
            }
            long loadedAt = ticker.read();
            CachedSeries loaded = loader.apply(id).loadedAt(loadedAt);
            loads.increment();
            return loaded;
        });
    }

    /**
     * Applies committed writes to the cached entry of {@code series}, if there is one, with the store's rule: a
     * final bar is never replaced by a non-final one.
     */
    void merge(SeriesId series, List<Bar> written) {
        if (!written.isEmpty()) {
            // compute, not computeIfPresent: it waits for a load of the same series that is in progress.
            cache.asMap().compute(series, (id, cached) -> cached == null ? null : cached.merge(written));
        }
    }

    public void invalidate(SeriesId series) {
        cache.invalidate(series);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    void recordHit() {
        hits.increment();
    }

    void recordStoreRead() {
        storeReads.increment();
    }

    void recordStaleRead() {
        staleReads.increment();
    }

    public Stats stats() {
        long weight = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
        long series = cache.estimatedSize();
        return new Stats(hits.sum(), loads.sum(), storeReads.sum(), staleReads.sum(), cache.stats().evictionCount(),
                series, Math.max(0, weight - series));
    }

    /**
     * What the cache did so far.
     *
     * @param hits reads answered from a series that was already in memory
     * @param loads reads that found their series missing and loaded it from the store (the misses)
     * @param storeReads reads that reached further back than the cached horizon and went to the store
     * @param staleReads reads answered from a stale entry because loading it again failed (the database away)
     * @param evictions series dropped to stay within the bound
     * @param cachedSeries series held now
     * @param cachedBars bars held now
     */
    public record Stats(long hits, long loads, long storeReads, long staleReads, long evictions, long cachedSeries,
            long cachedBars) {

        /** Share of reads answered from memory without loading, 0 when nothing was read. */
        public double hitRate() {
            long reads = hits + loads + storeReads + staleReads;
            return reads == 0 ? 0 : (double) hits / reads;
        }
    }

    /**
     * The bars of one series that start at or after {@code coversFromMillis}: every stored bar in that range is
     * here. {@code Long.MIN_VALUE} means the whole series is cached. {@code loadedAtNanos} is the cache's ticker
     * when it was loaded from the store.
     */
    record CachedSeries(long coversFromMillis, BarSeries bars, long loadedAtNanos) {

        CachedSeries {
            Objects.requireNonNull(bars, "bars");
        }

        /** As loaded from the store, before the cache stamps it. */
        CachedSeries(long coversFromMillis, BarSeries bars) {
            this(coversFromMillis, bars, 0);
        }

        CachedSeries loadedAt(long nanos) {
            return new CachedSeries(coversFromMillis, bars, nanos);
        }

        boolean covers(long startInclusiveMillis) {
            return startInclusiveMillis >= coversFromMillis;
        }

        /** This series with {@code written} applied in order, as the store applies them. */
        CachedSeries merge(List<Bar> written) {
            BarSeries w = BarSeries.ofWrites(written.stream().filter(b -> b.startMillis() >= coversFromMillis).toList());
            if (w.isEmpty()) {
                return this;
            }
            BarSeries.Builder out = BarSeries.builder(bars.size() + w.size());
            int i = 0;
            int j = 0;
            while (i < bars.size() || j < w.size()) {
                if (j == w.size() || (i < bars.size() && bars.startMillis(i) < w.startMillis(j))) {
                    out.add(bars.startMillis(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i),
                            bars.volume(i), bars.isFinal(i));
                    i++;
                } else if (i < bars.size() && bars.startMillis(i) == w.startMillis(j)) {
                    Bar cached = bars.get(i++);
                    Bar write = w.get(j++);
                    out.add(write.replaces(cached) ? write : cached);
                } else {
                    out.add(w.get(j++));
                }
            }
            return new CachedSeries(coversFromMillis, out.build(), loadedAtNanos);
        }
    }
}
