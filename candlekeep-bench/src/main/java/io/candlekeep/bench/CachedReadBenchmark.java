package io.candlekeep.bench;

import io.candlekeep.app.bars.CachingBarStore;
import io.candlekeep.app.bars.HotBarCache;
import io.candlekeep.app.bars.HotBarCacheProperties;
import io.candlekeep.app.store.sqlite.SqliteBarStore;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CachingBarStore#read} of one year of daily bars from a warm cache (the series holds ten years of
 * weekday bars in SQLite). Target: at most 20 µs per read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CachedReadBenchmark {

    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
    private static final SeriesId SERIES = SeriesId.of("AAPL", Timeframe.D1);

    private BenchDatabase db;
    private CachingBarStore store;
    private Instant yearAgo;

    @Setup(Level.Trial)
    public void setUp() {
        db = new BenchDatabase();
        SqliteBarStore sqlite = new SqliteBarStore(db.writer, db.reader);
        store = new CachingBarStore(sqlite, new HotBarCache(HotBarCacheProperties.defaults()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<Bar> bars = new ArrayList<>();
        double price = 150;
        for (Instant t = NOW.minus(Duration.ofDays(3650)); t.isBefore(NOW); t = t.plus(Duration.ofDays(1))) {
            DayOfWeek day = t.atZone(ZoneOffset.UTC).getDayOfWeek();
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                double open = price;
                price += Math.sin(bars.size()) * 2;
                bars.add(Bar.of(t, open, Math.max(open, price) + 1, Math.min(open, price) - 1, price, 1e6, true));
            }
        }
        sqlite.upsert(SERIES, bars);
        yearAgo = NOW.minus(Duration.ofDays(365));
        BarSeries year = store.read(SERIES, yearAgo, NOW, Integer.MAX_VALUE);
        if (store.cache().stats().loads() != 1 || year.size() < 250) {
            throw new IllegalStateException("Cache not warm: " + store.cache().stats() + ", year has " + year.size());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println();
        System.out.println("cache " + store.cache().stats());
        db.close();
    }

    /** The bars of the last 365 days (about 260 weekday bars). */
    @Benchmark
    public BarSeries readOneYear() {
        return store.read(SERIES, yearAgo, NOW, Integer.MAX_VALUE);
    }

    /** A chart's question: the newest 251 bars of the whole history. */
    @Benchmark
    public BarSeries readNewest251() {
        return store.read(SERIES, Instant.EPOCH, NOW, 251);
    }
}
