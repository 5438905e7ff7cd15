package io.candlekeep.app.bars;

import static io.candlekeep.app.testing.TestBars.bar;
import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The hot cache over each real store: what it serves stays what the store holds, under concurrent writes and evictions. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class CachingBarStoreIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private BarStore raw;
    private final MutableClock clock = MutableClock.at(NOW);

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        raw = db.barStore();
    }


    private static BarSeries readAll(BarStore store, SeriesId id) {
        return store.read(id, Instant.MIN, Instant.MAX, Integer.MAX_VALUE);
    }

    @Test
    void upsert_throughTheCache_nextReadSeesTheBarAndTheStoreHasIt() {
        SeriesId id = SeriesId.of("AAPL", Timeframe.H1);
        CachingBarStore caching = new CachingBarStore(raw, new HotBarCache(HotBarCacheProperties.defaults()), clock);
        List<Bar> history = bars(Timeframe.H1, NOW.minus(Duration.ofDays(3)), 48);
        caching.upsert(id, history);
        assertThat(caching.read(id, NOW.minus(Duration.ofDays(10)), NOW, 1000).toList()).isEqualTo(history);
        Bar forming = bar(NOW.minus(Duration.ofHours(1)), 77, false);

        caching.upsert(id, List.of(forming));
        caching.upsert(id, List.of(forming.withFinal(true)));

        BarSeries cached = caching.read(id, NOW.minus(Duration.ofDays(10)), NOW, 1000);
        assertThat(cached.get(cached.size() - 1)).isEqualTo(forming.withFinal(true));
        assertThat(cached).isEqualTo(raw.read(id, NOW.minus(Duration.ofDays(10)), NOW, 1000));
        assertThat(caching.cache().stats().loads()).isEqualTo(1);
    }

    @Test
    void concurrentWritesReadsAndEvictions_cacheEndsEqualToTheStore() throws Exception {
        // A bound below the total forces evictions, so loads race with merges all the time.
        CachingBarStore caching = new CachingBarStore(raw, new HotBarCache(HotBarCacheProperties.ofMaxBars(150)),
                clock);
        List<SeriesId> ids = List.of(SeriesId.of("BTC-USD", Timeframe.M15), SeriesId.of("ETH-USD", Timeframe.M15),
                SeriesId.of("SOL-USD", Timeframe.M15));
        Instant base = NOW.minus(Duration.ofDays(1));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                long seed = w;
                writers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int round = 0; round < 300; round++) {
                        SeriesId id = ids.get(random.nextInt(ids.size()));
                        List<Bar> batch = new ArrayList<>();
                        for (int k = random.nextInt(4); k >= 0; k--) {
                            batch.add(bar(base.plus(Duration.ofMinutes(15L * random.nextInt(90))),
                                    100 + random.nextInt(20), random.nextInt(4) == 0));
                        }
                        if (random.nextBoolean()) {
                            caching.upsert(id, batch);
                        } else {
                            caching.upsertAll(Map.of(id, batch));
                        }
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int offset = r;
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        BarSeries seen = caching.read(ids.get((reads + offset) % ids.size()), base, NOW, 500);
                        assertThat(seen.size()).isLessThanOrEqualTo(90);
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        for (SeriesId id : ids) {
            assertThat(readAll(caching, id)).as(id.toString()).isEqualTo(readAll(raw, id));
        }
        assertThat(caching.cache().stats().evictions()).isPositive();
    }
}
