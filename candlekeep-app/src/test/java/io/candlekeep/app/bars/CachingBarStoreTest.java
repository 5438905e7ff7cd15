package io.candlekeep.app.bars;

import static io.candlekeep.app.testing.TestBars.bar;
import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.testing.ForwardingBarStore;
import io.candlekeep.app.testing.InMemoryBarStore;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import io.candlekeep.core.store.BarStore.SeriesStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

final class CachingBarStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    private static final SeriesId AAPL_1D = SeriesId.of("AAPL", Timeframe.D1);

    private final InMemoryBarStore store = new InMemoryBarStore();
    private final MutableClock clock = MutableClock.at(NOW);

    private CachingBarStore caching(long maxBars) {
        return new CachingBarStore(store, new HotBarCache(HotBarCacheProperties.ofMaxBars(maxBars)), clock);
    }

    private CachingBarStore caching() {
        return caching(HotBarCacheProperties.DEFAULT_MAX_BARS);
    }

    private static BarSeries readAll(CachingBarStore c, SeriesId id) {
        return c.read(id, Instant.MIN, Instant.MAX, Integer.MAX_VALUE);
    }

    @Test
    void upsertAndDelete_changingBars_reportTheSeriesWritten() {
        List<SeriesId> reported = new ArrayList<>();
        CachingBarStore caching = new CachingBarStore(store, new HotBarCache(HotBarCacheProperties.ofMaxBars(1000)), clock,
                reported::addAll);
        SeriesId msft = SeriesId.of("MSFT", Timeframe.D1);
        List<Bar> written = bars(Timeframe.D1, NOW.minus(Duration.ofDays(10)), 5);

        caching.upsert(AAPL_1D, written);
        caching.upsert(AAPL_1D, written);
        caching.upsertAll(Map.of(msft, written));
        caching.deleteBefore(AAPL_1D, written.get(2).start());
        caching.deleteBefore(msft, written.getFirst().start());

        assertThat(reported).as("the second upsert and the second delete changed nothing").containsExactly(AAPL_1D, msft,
                AAPL_1D);
    }

    @Test
    void read_afterMaxStaleness_showsBarsAnotherInstanceWrote_evenWhenThisOneWroteMeanwhile() {
        AtomicLong nanos = new AtomicLong();
        CachingBarStore caching = new CachingBarStore(store,
                new HotBarCache(HotBarCacheProperties.defaults().withMaxStaleness(Duration.ofSeconds(2)), nanos::get), clock);
        caching.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(20)), 5));
        assertThat(readAll(caching, AAPL_1D).size()).isEqualTo(5);

        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(10)), 3));
        nanos.addAndGet(Duration.ofMillis(1_999).toNanos());
        caching.upsert(AAPL_1D, List.of(bar(NOW.minus(Duration.ofDays(1)), 120, true)));
        assertThat(readAll(caching, AAPL_1D).size()).as("the cached copy and this instance's write").isEqualTo(6);

        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(readAll(caching, AAPL_1D).size()).as("loaded again").isEqualTo(9);
    }

    /** A store whose reads fail as a database that is away makes them fail, while {@code away} is set. */
    private BarStore awayWhen(AtomicBoolean away, RuntimeException failure) {
        return new ForwardingBarStore(store) {
            @Override
            public BarSeries read(SeriesId id, Instant startInclusive, Instant endExclusive, int limit) {
                if (away.get()) {
                    throw failure;
                }
                return super.read(id, startInclusive, endExclusive, limit);
            }
        };
    }

    @Test
    void read_staleWhileTheDatabaseIsAway_answersTheCachedCopy_andLoadsAgainOnceItIsBack() {
        AtomicLong nanos = new AtomicLong();
        AtomicBoolean away = new AtomicBoolean();
        CachingBarStore caching = new CachingBarStore(awayWhen(away, new CannotGetJdbcConnectionException("no connection")),
                new HotBarCache(HotBarCacheProperties.defaults().withMaxStaleness(Duration.ofSeconds(2)), nanos::get), clock);
        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(20)), 5));
        assertThat(readAll(caching, AAPL_1D).size()).isEqualTo(5);
        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(10)), 3));

        away.set(true);
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(readAll(caching, AAPL_1D).size()).as("the stale copy").isEqualTo(5);
        assertThat(caching.cache().stats().staleReads()).isEqualTo(1);

        away.set(false);

        assertThat(readAll(caching, AAPL_1D).size()).as("loaded again").isEqualTo(8);
        assertThat(readAll(caching, AAPL_1D).size()).isEqualTo(8);
        assertThat(caching.cache().stats().loads()).isEqualTo(2);
    }

    @Test
    void read_staleAndTheLoadFailsForAnotherReason_throws() {
        AtomicLong nanos = new AtomicLong();
        AtomicBoolean away = new AtomicBoolean();
        CachingBarStore caching = new CachingBarStore(awayWhen(away, new IllegalStateException("bad row")),
                new HotBarCache(HotBarCacheProperties.defaults().withMaxStaleness(Duration.ofSeconds(2)), nanos::get), clock);
        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(20)), 5));
        readAll(caching, AAPL_1D);

        away.set(true);
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThatThrownBy(() -> readAll(caching, AAPL_1D)).isInstanceOf(IllegalStateException.class)
                .hasMessage("bad row");
    }

    @Test
    void read_notCachedWhileTheDatabaseIsAway_throws() {
        AtomicBoolean away = new AtomicBoolean(true);
        CachingBarStore caching = new CachingBarStore(awayWhen(away, new CannotGetJdbcConnectionException("no connection")),
                new HotBarCache(HotBarCacheProperties.defaults().withMaxStaleness(Duration.ofSeconds(2))), clock);

        assertThatThrownBy(() -> readAll(caching, AAPL_1D)).isInstanceOf(CannotGetJdbcConnectionException.class);
    }

    @Test
    void read_withoutMaxStaleness_keepsTheCachedCopy() {
        CachingBarStore caching = caching();
        caching.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(20)), 5));
        readAll(caching, AAPL_1D);

        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(10)), 3));

        assertThat(readAll(caching, AAPL_1D).size()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void read_secondTime_isServedFromMemory(Timeframe tf) {
        SeriesId id = SeriesId.of("AAPL", tf);
        List<Bar> written = bars(tf, NOW.minus(Duration.ofDays(10)), 200);
        store.upsert(id, written);
        CachingBarStore caching = caching();
        Instant from = written.get(50).start();
        Instant to = written.get(150).start();

        BarSeries first = caching.read(id, from, to, 1000);
        int readsAfterLoad = store.reads();
        BarSeries second = caching.read(id, from, to, 30);

        assertThat(first.toList()).isEqualTo(written.subList(50, 150));
        assertThat(second.toList()).isEqualTo(written.subList(120, 150));
        assertThat(store.reads()).isEqualTo(readsAfterLoad);
        HotBarCache.Stats stats = caching.cache().stats();
        assertThat(stats.loads()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.storeReads()).isZero();
        assertThat(stats.cachedSeries()).isEqualTo(1);
        assertThat(stats.cachedBars()).isEqualTo(200);
    }

    @Test
    void upsert_afterCachedRead_nextReadSeesTheNewBarsWithoutReload() {
        List<Bar> written = bars(Timeframe.D1, NOW.minus(Duration.ofDays(5)), 4);
        store.upsert(AAPL_1D, written);
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);
        int readsAfterLoad = store.reads();
        Bar forming = bar(NOW.minus(Duration.ofDays(1)), 7, false);
        Bar revised = bar(written.get(1).start(), 55, true);

        assertThat(caching.upsert(AAPL_1D, List.of(forming, revised))).isEqualTo(2);

        assertThat(readAll(caching, AAPL_1D).toList())
                .containsExactly(written.get(0), revised, written.get(2), written.get(3), forming);
        assertThat(store.reads()).isEqualTo(readsAfterLoad);
    }

    @Test
    void upsert_nonFinalOverCachedFinal_cacheKeepsTheFinalBarLikeTheStore() {
        Bar finalBar = bar(NOW.minus(Duration.ofDays(2)), 10, true);
        store.upsert(AAPL_1D, List.of(finalBar));
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);

        assertThat(caching.upsert(AAPL_1D, List.of(bar(finalBar.start(), 11, false)))).isZero();

        assertThat(readAll(caching, AAPL_1D).toList()).containsExactly(finalBar);
    }

    @Test
    void upsert_sameStartTwiceInOneCall_appliesInOrderLikeTheStore() {
        Instant t = NOW.minus(Duration.ofDays(2));
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);

        caching.upsert(AAPL_1D, List.of(bar(t, 1, false), bar(t, 2, true), bar(t, 3, false)));

        assertThat(readAll(caching, AAPL_1D).toList()).containsExactly(bar(t, 2, true));
        assertThat(store.read(AAPL_1D, Instant.MIN, Instant.MAX, 10).toList()).containsExactly(bar(t, 2, true));
    }

    @Test
    void upsert_randomWrites_cacheAlwaysEqualsStore() {
        Random random = new Random(42);
        SeriesId id = SeriesId.of("BTC-USD", Timeframe.H1);
        CachingBarStore caching = caching();
        Instant base = NOW.minus(Duration.ofDays(3));
        for (int round = 0; round < 300; round++) {
            List<Bar> batch = new ArrayList<>();
            for (int k = random.nextInt(6); k >= 0; k--) {
                Instant start = base.plus(Duration.ofHours(random.nextInt(40)));
                batch.add(bar(start, 100 + random.nextInt(5), random.nextInt(3) == 0));
            }
            caching.upsert(id, batch);
            if (round % 50 == 0) {
                caching.cache().invalidate(id);
            }
            assertThat(readAll(caching, id)).as("round %d", round)
                    .isEqualTo(store.read(id, Instant.MIN, Instant.MAX, Integer.MAX_VALUE));
        }
        assertThat(caching.cache().stats().hits()).isGreaterThan(250);
    }

    @Test
    void upsert_whileTheSeriesIsLoading_isNotLostWhenTheStaleLoadCompletes() throws Exception {
        Bar old = bar(NOW.minus(Duration.ofDays(3)), 10, true);
        store.upsert(AAPL_1D, List.of(old));
        CountDownLatch loadHasReadStore = new CountDownLatch(1);
        CountDownLatch releaseLoad = new CountDownLatch(1);
        AtomicBoolean blockNextRead = new AtomicBoolean(true);
        BarStore slowReads = new ForwardingBarStore(store) {
            @Override
            public BarSeries read(SeriesId id, Instant startInclusive, Instant endExclusive, int limit) {
                BarSeries snapshot = super.read(id, startInclusive, endExclusive, limit);
                if (blockNextRead.getAndSet(false)) {
                    loadHasReadStore.countDown();
                    await(releaseLoad);
                }
                return snapshot;
            }
        };
        CachingBarStore caching = new CachingBarStore(slowReads,
                new HotBarCache(HotBarCacheProperties.defaults()), clock);
        Bar fresh = bar(NOW.minus(Duration.ofDays(1)), 20, true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<BarSeries> reader = pool.submit(() -> readAll(caching, AAPL_1D));
            loadHasReadStore.await(10, TimeUnit.SECONDS);
            Future<Integer> writer = pool.submit(() -> caching.upsert(AAPL_1D, List.of(fresh)));
            // Give the writer time to commit and reach the cache while the stale load is still running.
            Thread.sleep(200);
            releaseLoad.countDown();
            assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(reader.get(10, TimeUnit.SECONDS).toList()).contains(old);
        } finally {
            pool.shutdownNow();
        }

        assertThat(readAll(caching, AAPL_1D).toList()).containsExactly(old, fresh);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Test
    void upsertAll_mergesEverySeries() {
        SeriesId btc = SeriesId.of("BTC-USD", Timeframe.M15);
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);
        readAll(caching, btc);
        Map<SeriesId, List<Bar>> batch = new LinkedHashMap<>();
        batch.put(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(3)), 3));
        batch.put(btc, bars(Timeframe.M15, NOW.minus(Duration.ofHours(1)), 4));

        assertThat(caching.upsertAll(batch)).isEqualTo(7);

        assertThat(readAll(caching, AAPL_1D).toList()).isEqualTo(batch.get(AAPL_1D));
        assertThat(readAll(caching, btc).toList()).isEqualTo(batch.get(btc));
        assertThat(caching.cache().stats().loads()).isEqualTo(2);
    }

    @Test
    void upsert_delegateFails_entryIsDroppedAndReloaded() {
        store.upsert(AAPL_1D, bars(Timeframe.D1, NOW.minus(Duration.ofDays(5)), 2));
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);
        store.failNextWrite(new IllegalStateException("commit failed"));
        Bar late = bar(NOW.minus(Duration.ofDays(1)), 9, true);

        assertThatThrownBy(() -> caching.upsert(AAPL_1D, List.of(late))).hasMessage("commit failed");

        // The fake wrote before failing; the cache must reload instead of guessing.
        assertThat(readAll(caching, AAPL_1D).toList()).hasSize(3).endsWith(late);
        assertThat(caching.cache().stats().loads()).isEqualTo(2);
    }

    @Test
    void read_olderThanHorizon_goesToTheStore() {
        // 15m keeps 60 days in memory by default; these bars span 90.
        SeriesId id = SeriesId.of("ETH-USD", Timeframe.M15);
        List<Bar> written = bars(Timeframe.M15, NOW.minus(Duration.ofDays(90)), 90 * 96);
        store.upsert(id, written);
        CachingBarStore caching = caching();
        readAll(caching, id);
        int readsAfterFirst = store.reads();

        BarSeries old = caching.read(id, NOW.minus(Duration.ofDays(80)), NOW.minus(Duration.ofDays(70)), 100_000);

        assertThat(old.size()).isEqualTo(10 * 96);
        assertThat(old.start(0)).isEqualTo(NOW.minus(Duration.ofDays(80)));
        assertThat(store.reads()).isEqualTo(readsAfterFirst + 1);
        assertThat(caching.cache().stats().storeReads()).isEqualTo(2);
        assertThat(caching.cache().stats().cachedBars()).isEqualTo(60 * 96);
    }

    @Test
    void read_olderStartButLimitFilledByCachedBars_isServedFromMemory() {
        SeriesId id = SeriesId.of("ETH-USD", Timeframe.M15);
        List<Bar> written = bars(Timeframe.M15, NOW.minus(Duration.ofDays(90)), 90 * 96);
        store.upsert(id, written);
        CachingBarStore caching = caching();
        caching.read(id, NOW.minus(Duration.ofDays(1)), NOW, 10);
        int readsAfterLoad = store.reads();

        BarSeries chart = caching.read(id, Instant.EPOCH, NOW, 300);

        assertThat(chart.toList()).isEqualTo(written.subList(written.size() - 300, written.size()));
        assertThat(store.reads()).isEqualTo(readsAfterLoad);
    }

    @Test
    void read_entirelyBeforeHorizonOfAnUncachedSeries_doesNotLoadIt() {
        List<Bar> written = bars(Timeframe.D1, NOW.minus(Duration.ofDays(5000)), 10);
        store.upsert(AAPL_1D, written);
        CachingBarStore caching = caching();

        BarSeries old = caching.read(AAPL_1D, Instant.EPOCH, NOW.minus(Duration.ofDays(4000)), 100);

        assertThat(old.toList()).isEqualTo(written);
        assertThat(caching.cache().stats().loads()).isZero();
        assertThat(caching.cache().stats().cachedSeries()).isZero();
    }

    @Test
    void read_seriesWithNothingOlderThanHorizon_servesAnyRangeAndStatsFromMemory() {
        List<Bar> written = bars(Timeframe.D1, NOW.minus(Duration.ofDays(30)), 20);
        store.upsert(AAPL_1D, written);
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);
        int readsAfterLoad = store.reads();

        assertThat(caching.read(AAPL_1D, Instant.EPOCH, NOW, 1000).toList()).isEqualTo(written);
        assertThat(caching.stats(AAPL_1D))
                .contains(new SeriesStats(written.getFirst().start(), written.getLast().start(), 20));
        // Backfilled history older than the horizon is merged too: the entry still holds the whole series.
        Bar ancient = bar(NOW.minus(Duration.ofDays(9000)), 3, true);
        caching.upsert(AAPL_1D, List.of(ancient));
        assertThat(caching.read(AAPL_1D, Instant.EPOCH, NOW, 1).toList()).containsExactly(written.getLast());
        assertThat(caching.read(AAPL_1D, Instant.EPOCH, NOW, 1000).get(0)).isEqualTo(ancient);
        assertThat(store.reads()).isEqualTo(readsAfterLoad);
    }

    @Test
    void statsOfMany_wholeSeriesCached_answeredFromMemory_theRestInOneCallToTheStore() {
        SeriesId msft = SeriesId.of("MSFT", Timeframe.D1);
        SeriesId unknown = SeriesId.of("ZZZZ", Timeframe.D1);
        List<Bar> apple = bars(Timeframe.D1, NOW.minus(Duration.ofDays(30)), 20);
        List<Bar> microsoft = bars(Timeframe.D1, NOW.minus(Duration.ofDays(30)), 7);
        store.upsert(AAPL_1D, apple);
        store.upsert(msft, microsoft);
        List<Collection<SeriesId>> asked = new ArrayList<>();
        CachingBarStore caching = new CachingBarStore(new ForwardingBarStore(store) {
            @Override
            public Map<SeriesId, SeriesStats> stats(Collection<SeriesId> series) {
                asked.add(List.copyOf(series));
                return super.stats(series);
            }
        }, new HotBarCache(HotBarCacheProperties.ofMaxBars(HotBarCacheProperties.DEFAULT_MAX_BARS)), clock);
        readAll(caching, AAPL_1D);

        Map<SeriesId, SeriesStats> stats = caching.stats(List.of(AAPL_1D, msft, unknown));

        assertThat(stats).containsOnly(
                Map.entry(AAPL_1D, new SeriesStats(apple.getFirst().start(), apple.getLast().start(), 20)),
                Map.entry(msft, new SeriesStats(microsoft.getFirst().start(), microsoft.getLast().start(), 7)));
        assertThat(asked).as("calls to the store").containsExactly(List.of(msft, unknown));
    }

    @Test
    void read_unknownSeries_isEmptyAndLaterWritesAreSeen() {
        CachingBarStore caching = caching();

        assertThat(readAll(caching, AAPL_1D).isEmpty()).isTrue();
        assertThat(caching.stats(AAPL_1D)).isEmpty();
        Bar first = bar(NOW.minus(Duration.ofDays(1)), 5, false);
        caching.upsert(AAPL_1D, List.of(first));

        assertThat(readAll(caching, AAPL_1D).toList()).containsExactly(first);
    }

    @Test
    void cache_manySeries_staysWithinMaxBars() {
        CachingBarStore caching = caching(1_000);
        for (int s = 0; s < 10; s++) {
            SeriesId id = SeriesId.of("SYM" + s, Timeframe.H1);
            store.upsert(id, bars(Timeframe.H1, NOW.minus(Duration.ofDays(20)), 300));
            assertThat(readAll(caching, id).size()).isEqualTo(300);
        }

        HotBarCache.Stats stats = caching.cache().stats();
        assertThat(stats.cachedBars()).isLessThanOrEqualTo(1_000).isGreaterThanOrEqualTo(300);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void read_afterClockMovesOn_stillServesTheLoadedWindow() {
        List<Bar> written = bars(Timeframe.D1, NOW.minus(Duration.ofDays(100)), 100);
        store.upsert(AAPL_1D, written);
        CachingBarStore caching = caching();
        readAll(caching, AAPL_1D);
        clock.advance(Duration.ofDays(400));

        assertThat(caching.read(AAPL_1D, written.get(10).start(), NOW, 5).toList())
                .isEqualTo(written.subList(95, 100));
        assertThat(caching.cache().stats().hits()).isEqualTo(1);
    }

    @Test
    void read_negativeLimit_isRejected() {
        assertThatThrownBy(() -> caching().read(AAPL_1D, Instant.EPOCH, NOW, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }

    @Test
    void properties_unknownTimeframeInHorizon_isRejected() {
        assertThatThrownBy(() -> new HotBarCacheProperties(10, Map.of("7m", Duration.ofDays(1)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7m");
    }

    @Test
    void properties_configuredHorizon_overridesOnlyThatTimeframe() {
        HotBarCacheProperties p = new HotBarCacheProperties(10, Map.of("m15", Duration.ofDays(7)), null);

        assertThat(p.horizons()).containsEntry(Timeframe.M15, Duration.ofDays(7))
                .containsEntry(Timeframe.H1, Duration.ofDays(732));
    }
}
