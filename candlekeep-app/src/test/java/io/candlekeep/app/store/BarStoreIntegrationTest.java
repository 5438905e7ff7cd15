package io.candlekeep.app.store;

import static io.candlekeep.app.testing.TestBars.bar;
import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlekeep.app.store.sqlite.SqliteBarStore;
import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import io.candlekeep.core.store.BarStore.SeriesStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same upsert, read and stats rules on every store, SQLite in each of its write modes and PostgreSQL, times
 * every timeframe where a timeframe matters.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("stores")
@Tag(TestStores.OWN_STORE)
final class BarStoreIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    /** A store as the application makes it; SQLite also with a given number of rows per statement. */
    record Variant(String name, TestDatabase.Kind kind, int rowsPerStatement) {
        BarStore open(TestDatabase db) {
            return kind == TestDatabase.Kind.SQLITE ? new SqliteBarStore(db.writer(), db.reader(), rowsPerStatement)
                    : db.barStore();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> stores() {
        return Stream.of(new Variant("sqlite, executeBatch", TestDatabase.Kind.SQLITE, 1),
                new Variant("sqlite, 7 rows per statement", TestDatabase.Kind.SQLITE, 7),
                new Variant("sqlite", TestDatabase.Kind.SQLITE, SqliteBarStore.DEFAULT_ROWS_PER_STATEMENT),
                new Variant("postgres", TestDatabase.Kind.POSTGRES, 0));
    }

    @Parameter
    Variant variant;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private BarStore store;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(variant.kind(), dir.resolve("nested/data"));
        store = variant.open(db);
    }


    private static BarSeries readAll(BarStore store, SeriesId id) {
        return store.read(id, Instant.MIN, Instant.MAX, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void upsert_newBars_readBackEqual(Timeframe tf) {
        SeriesId id = SeriesId.of("AAPL", tf);
        List<Bar> written = new ArrayList<>(bars(tf, T0, 300, true, 50));
        written.add(bar(T0.plusMillis(300 * tf.millis()), 42.125, false));

        int changed = store.upsert(id, written);

        assertThat(changed).isEqualTo(301);
        assertThat(readAll(store, id).toList()).isEqualTo(written);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void upsert_sameBarsTwice_secondChangesNothingAndNoDuplicates(Timeframe tf) {
        SeriesId id = SeriesId.of("BTC-USD", tf);
        List<Bar> written = bars(tf, T0, 150, true, 10);
        store.upsert(id, written);

        int changedAgain = store.upsert(id, written);

        assertThat(changedAgain).isZero();
        assertThat(readAll(store, id).toList()).isEqualTo(written);
        assertThat(store.stats(id)).get().extracting(SeriesStats::count).isEqualTo(150L);
        assertThat(count("SELECT COUNT(*) FROM bars")).isEqualTo(150);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void upsert_nonFinalThenFinal_isReplaced(Timeframe tf) {
        SeriesId id = SeriesId.of("MSFT", tf);
        store.upsert(id, List.of(bar(T0, 10, true), bar(T0.plusMillis(tf.millis()), 11, false)));
        Bar finalBar = bar(T0.plusMillis(tf.millis()), 12, true);

        int changed = store.upsert(id, List.of(bar(T0, 10, true), finalBar));

        assertThat(changed).isEqualTo(1);
        assertThat(readAll(store, id).toList()).containsExactly(bar(T0, 10, true), finalBar);
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void upsert_finalThenNonFinal_keepsFinal(Timeframe tf) {
        SeriesId id = SeriesId.of("MSFT", tf);
        Bar finalBar = bar(T0, 10, true);
        store.upsert(id, List.of(finalBar));

        int changed = store.upsert(id, List.of(bar(T0, 99, false)));

        assertThat(changed).isZero();
        assertThat(readAll(store, id).toList()).containsExactly(finalBar);
    }

    @Test
    void upsert_nonFinalThenChangedNonFinal_isReplaced() {
        SeriesId id = SeriesId.of("ETH-USD", Timeframe.M15);
        store.upsert(id, List.of(bar(T0, 10, false)));

        int changed = store.upsert(id, List.of(bar(T0, 10.5, false)));

        assertThat(changed).isEqualTo(1);
        assertThat(readAll(store, id).toList()).containsExactly(bar(T0, 10.5, false));
    }

    @Test
    void upsert_finalThenRevisedFinal_isReplaced() {
        // A provider revision (adjusted history after a split) must replace final bars.
        SeriesId id = SeriesId.of("NVDA", Timeframe.D1);
        store.upsert(id, List.of(bar(T0, 1000, true)));

        int changed = store.upsert(id, List.of(bar(T0, 100, true)));

        assertThat(changed).isEqualTo(1);
        assertThat(readAll(store, id).toList()).containsExactly(bar(T0, 100, true));
    }

    @Test
    void upsert_partlyChangedBars_countsOnlyChangedRows() {
        SeriesId id = SeriesId.of("AAPL", Timeframe.H1);
        List<Bar> first = bars(Timeframe.H1, T0, 10, true, 100);
        store.upsert(id, first);
        List<Bar> second = new ArrayList<>(first);
        second.set(4, bar(first.get(4).start(), 500, true));
        second.add(bar(T0.plusMillis(10 * Timeframe.H1.millis()), 7, false));

        assertThat(store.upsert(id, second)).isEqualTo(2);
        assertThat(readAll(store, id).toList()).isEqualTo(second);
    }

    @Test
    void upsert_sameStartTwiceInOneList_laterWins() {
        SeriesId id = SeriesId.of("AAPL", Timeframe.H1);

        store.upsert(id, List.of(bar(T0, 1, false), bar(T0, 2, false)));

        assertThat(readAll(store, id).toList()).containsExactly(bar(T0, 2, false));
    }

    @Test
    void upsert_finalThenFormingAtOneStartInOneList_keepsTheFinal() {
        SeriesId id = SeriesId.of("AAPL", Timeframe.H1);

        store.upsert(id, List.of(bar(T0, 1, true), bar(T0, 2, false), bar(T0.plusMillis(Timeframe.H1.millis()), 3, false)));

        assertThat(readAll(store, id).toList()).containsExactly(bar(T0, 1, true),
                bar(T0.plusMillis(Timeframe.H1.millis()), 3, false));
    }

    @Test
    void upsert_emptyList_changesNothing() {
        SeriesId id = SeriesId.of("AAPL", Timeframe.D1);

        assertThat(store.upsert(id, List.of())).isZero();
        assertThat(store.upsertAll(Map.of(id, List.of()))).isZero();
        assertThat(store.upsertAll(Map.of())).isZero();

        assertThat(store.stats(id)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM series")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void read_withLimit_returnsNewestAscending(Timeframe tf) {
        SeriesId id = SeriesId.of("SPY", tf);
        List<Bar> written = bars(tf, T0, 100, true, 1);
        store.upsert(id, written);

        BarSeries newest = store.read(id, T0, T0.plusMillis(100 * tf.millis()), 10);

        assertThat(newest.toList()).isEqualTo(written.subList(90, 100));
        assertThat(store.read(id, Instant.MIN, Instant.MAX, 0).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void read_range_isHalfOpen(Timeframe tf) {
        SeriesId id = SeriesId.of("SPY", tf);
        List<Bar> written = bars(tf, T0, 20, true, 1);
        store.upsert(id, written);

        BarSeries range = store.read(id, written.get(5).start(), written.get(8).start(), Integer.MAX_VALUE);

        assertThat(range.toList()).isEqualTo(written.subList(5, 8));
        assertThat(store.read(id, written.get(5).start(), written.get(5).start(), 10).isEmpty()).isTrue();
    }

    @Test
    void read_unknownSeries_isEmpty() {
        store.upsert(SeriesId.of("AAPL", Timeframe.D1), bars(Timeframe.D1, T0, 3));

        assertThat(store.read(SeriesId.of("AAPL", Timeframe.H1), Instant.MIN, Instant.MAX, 10).isEmpty()).isTrue();
        assertThat(store.stats(SeriesId.of("ZZZZ", Timeframe.D1))).isEmpty();
    }

    @Test
    void read_negativeLimit_isRejected() {
        assertThatThrownBy(() -> store.read(SeriesId.of("AAPL", Timeframe.D1), T0, T0.plusSeconds(60), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void stats_storedSeries_firstLastCount(Timeframe tf) {
        SeriesId id = SeriesId.of("EURUSD=X", tf);
        List<Bar> written = bars(tf, T0, 57, true, 1);
        store.upsert(id, written);

        assertThat(store.stats(id)).contains(new SeriesStats(written.getFirst().start(), written.getLast().start(), 57));
    }

    @Test
    void statsOfMany_storedAndUnknownSeries_equalEachSeriesStatsAndLeaveOutTheEmptyOnes() {
        List<SeriesId> asked = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            for (Timeframe tf : List.of(Timeframe.M15, Timeframe.D1)) {
                SeriesId id = SeriesId.of("S" + s, tf);
                asked.add(id);
                if (s % 3 != 0) {
                    store.upsert(id, bars(tf, T0, 5 + s, true, s));
                }
            }
        }
        // a series of an asked symbol that was not asked for, and one of another symbol
        store.upsert(SeriesId.of("S1", Timeframe.H1), bars(Timeframe.H1, T0, 4));
        store.upsert(SeriesId.of("OTHER", Timeframe.D1), bars(Timeframe.D1, T0, 4));
        asked.add(SeriesId.of("ZZZZ", Timeframe.D1));

        Map<SeriesId, SeriesStats> many = store.stats(asked);

        Map<SeriesId, SeriesStats> oneByOne = new LinkedHashMap<>();
        asked.forEach(id -> store.stats(id).ifPresent(s -> oneByOne.put(id, s)));
        assertThat(oneByOne).hasSize(16);
        assertThat(many).isEqualTo(oneByOne);
        assertThat(store.stats(List.of())).isEmpty();
    }

    @Test
    void upsertAll_manySeries_eachReadsBackAndCountIsTotal() {
        Map<SeriesId, List<Bar>> batch = new LinkedHashMap<>();
        for (int s = 0; s < 40; s++) {
            for (Timeframe tf : Timeframe.values()) {
                batch.put(SeriesId.of("SYM" + s, tf), bars(tf, T0, 20 + s, true, s));
            }
        }
        int expected = batch.values().stream().mapToInt(List::size).sum();

        assertThat(store.upsertAll(batch)).isEqualTo(expected);

        batch.forEach((id, written) -> assertThat(readAll(store, id).toList()).as(id.toString()).isEqualTo(written));
        assertThat(count("SELECT COUNT(*) FROM series")).isEqualTo(batch.size());
    }

    @Test
    void upsertAll_failingMidway_writesNothing() {
        SeriesId good = SeriesId.of("GOOD", Timeframe.H1);
        SeriesId bad = SeriesId.of("BAD", Timeframe.H1);
        List<Bar> withNull = new ArrayList<>(bars(Timeframe.H1, T0, 300));
        withNull.add(null);
        Map<SeriesId, List<Bar>> batch = new LinkedHashMap<>();
        batch.put(good, bars(Timeframe.H1, T0, 500));
        batch.put(bad, withNull);

        assertThatThrownBy(() -> store.upsertAll(batch)).isInstanceOf(NullPointerException.class);

        assertThat(count("SELECT COUNT(*) FROM bars")).isZero();
        assertThat(count("SELECT COUNT(*) FROM series")).isZero();
        // The series keys of the rolled-back transaction must not have been remembered.
        assertThat(store.upsert(bad, bars(Timeframe.H1, T0, 3))).isEqualTo(3);
        assertThat(readAll(store, bad).size()).isEqualTo(3);
    }

    @Test
    void bars_unknownSeriesKey_isRejectedByForeignKey() throws SQLException {
        // SQLite: the foreign key; PostgreSQL: the statement-level check that stands in for it (V14)
        try (Connection c = db.writer().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO bars VALUES (999, 0, 1, 1, 1, 1, 1, 1)"))
                    .isInstanceOf(SQLException.class).message()
                    .matches("(?is).*(foreign key|series 999 which does not exist).*");
        }
    }

    @Test
    void read_whileAnotherThreadWrites_seesCompleteTransactionsOnly() throws Exception {
        SeriesId id = SeriesId.of("BTC-USD", Timeframe.M15);
        int batches = 100;
        int perBatch = 250;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int b = 0; b < batches; b++) {
                        Instant first = T0.plusMillis((long) b * perBatch * Timeframe.M15.millis());
                        store.upsert(id, bars(Timeframe.M15, first, perBatch, true, b * perBatch));
                    }
                } finally {
                    writing.set(false);
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    int lastSize = 0;
                    while (writing.get() || reads == 0) {
                        BarSeries seen = readAll(store, id);
                        // Each upsert is one transaction: a reader sees whole batches, never a part of one.
                        assertThat(seen.size() % perBatch).isZero();
                        assertThat(seen.size()).isGreaterThanOrEqualTo(lastSize);
                        lastSize = seen.size();
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(readAll(store, id).size()).isEqualTo(batches * perBatch);
    }

    @Test
    void upsert_closedWriter_failsWithTheSeriesInTheMessage() {
        db.writer().close();

        assertThatThrownBy(() -> store.upsert(SeriesId.of("AAPL", Timeframe.D1), bars(Timeframe.D1, T0, 2)))
                .isInstanceOf(BarStoreException.class).hasMessageContaining("2 bars into AAPL:1d");
    }

    private int count(String sql) {
        try (Connection c = db.reader().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
