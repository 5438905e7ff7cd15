package io.candlekeep.app.bars;

import static io.candlekeep.app.testing.TestBars.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.InMemoryBarStore;
import io.candlekeep.app.testing.MutableClock;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On a database several instances write, this instance's cache may not hold what the others wrote yet: a derived
 * bar is built from the finer bars as the database holds them, not from that copy. What is written is counted per
 * timeframe, for the metrics.
 */
final class BarWriterTest {

    private static final Instant BUCKET = Instant.parse("2026-03-01T00:00:00Z");
    private static final SeriesId BTC_1H = SeriesId.of("BTC-USD", Timeframe.H1);
    private static final SeriesId BTC_4H = SeriesId.of("BTC-USD", Timeframe.H4);

    private final MutableClock clock = MutableClock.at("2026-03-02T00:00:00Z");
    private final InMemoryBarStore database = new InMemoryBarStore();
    private final CachingBarStore cache = new CachingBarStore(database, new HotBarCache(HotBarCacheProperties.defaults()),
            clock);

    @Test
    void write_finerBarsAnotherInstanceWroteAfterThisOneCachedTheSeries_areInTheDerivedBar() {
        cache.read(BTC_1H, Instant.EPOCH, clock.instant(), 10);
        List<Bar> theirs = List.of(bar(BUCKET, 100, true), bar(BUCKET.plus(Duration.ofHours(1)), 104, true));
        database.upsert(BTC_1H, theirs);
        List<Bar> ours = List.of(bar(BUCKET.plus(Duration.ofHours(2)), 102, true), bar(BUCKET.plus(Duration.ofHours(3)), 101, true));

        new BarWriter(cache, database, clock).write(BTC_1H, ours, Set.of(Timeframe.H4));

        Bar derived = database.read(BTC_4H, BUCKET, BUCKET.plus(Duration.ofHours(4)), 1).get(0);
        assertThat(derived.open()).isEqualTo(theirs.get(0).open());
        assertThat(derived.high()).isEqualTo(theirs.get(1).high());
        assertThat(derived.close()).isEqualTo(ours.get(1).close());
        assertThat(derived.volume()).isEqualTo(theirs.get(0).volume() + theirs.get(1).volume() + ours.get(0).volume()
                + ours.get(1).volume());
        assertThat(derived.isFinal()).isTrue();
    }

    @Test
    void write_countsRowsPerTimeframe_derivedBarsUnderTheirOwn() {
        BarWriter writer = new BarWriter(database, clock);
        List<Bar> hours = List.of(bar(BUCKET, 100, true), bar(BUCKET.plus(Duration.ofHours(1)), 101, true),
                bar(BUCKET.plus(Duration.ofHours(2)), 102, true), bar(BUCKET.plus(Duration.ofHours(3)), 103, true));

        writer.write(BTC_1H, hours, Set.of(Timeframe.H4));

        assertThat(writer.barsWritten(Timeframe.H1)).isEqualTo(4);
        assertThat(writer.barsWritten(Timeframe.H4)).isEqualTo(1);
        assertThat(writer.barsWritten(Timeframe.D1)).isZero();
        assertThat(writer.barsWritten()).as("the fetched rows, as health watches them").isEqualTo(4);
    }

    @Test
    void findStored_readsTheDatabaseNotTheCachedCopy() {
        cache.read(BTC_1H, Instant.EPOCH, clock.instant(), 10);
        Bar forming = bar(BUCKET, 100, false);
        database.upsert(BTC_1H, List.of(forming));

        assertThat(new BarWriter(cache, database, clock).findStored(BTC_1H, BUCKET)).contains(forming);
        assertThat(new BarWriter(cache, clock).findStored(BTC_1H, BUCKET)).as("the cached copy").isEmpty();
    }
}
