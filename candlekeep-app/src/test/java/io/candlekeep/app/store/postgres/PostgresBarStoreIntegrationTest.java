package io.candlekeep.app.store.postgres;

import static io.candlekeep.app.testing.TestBars.bar;
import static io.candlekeep.app.testing.TestBars.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import com.zaxxer.hikari.HikariDataSource;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write path of {@link PostgresBarStore} (one {@code INSERT ... SELECT FROM unnest(...)} a call) keeps the rules
 * of every store, on a fresh database of the PostgreSQL server at {@code candlekeep.test.pg-admin-url} (default: the
 * local one as postgres); skipped when none answers.
 */
final class PostgresBarStoreIntegrationTest {

    private static final String ADMIN_URL = System.getProperty("candlekeep.test.pg-admin-url",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final Instant FIRST = Instant.parse("2026-01-05T00:00:00Z");
    private static final SeriesId BTC_1H = SeriesId.of("BTC-USD", Timeframe.H1);
    private static final SeriesId ETH_1H = SeriesId.of("ETH-USD", Timeframe.H1);

    private final String database = "candlekeep_store_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    private HikariDataSource pool;
    private PostgresBarStore store;

    @BeforeEach
    void createDatabase() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            abort("no PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        pool = new HikariDataSource();
        pool.setJdbcUrl(ADMIN_URL.replace("/postgres?", "/" + database + "?"));
        pool.setMaximumPoolSize(2);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql").load().migrate();
        store = new PostgresBarStore(pool, pool);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (pool == null) {
            return;
        }
        pool.close();
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void upsert_newBars_areStoredAndCounted_andWrittenAgainCountNothing() {
        List<Bar> written = bars(Timeframe.H1, FIRST, 1_000);

        assertThat(store.upsert(BTC_1H, written)).isEqualTo(1_000);
        assertThat(store.upsert(BTC_1H, written)).as("unchanged rows").isZero();
        assertThat(readAll(BTC_1H).toList()).isEqualTo(written);
    }

    @Test
    void upsert_formingBarOverAFinalOne_leavesTheFinalOne() {
        Bar fin = bar(FIRST, 100, true);
        store.upsert(BTC_1H, List.of(fin));

        assertThat(store.upsert(BTC_1H, List.of(bar(FIRST, 105, false)))).isZero();
        assertThat(readAll(BTC_1H).toList()).containsExactly(fin);
        Bar revised = bar(FIRST, 101, true);
        assertThat(store.upsert(BTC_1H, List.of(revised))).isEqualTo(1);
        assertThat(readAll(BTC_1H).toList()).containsExactly(revised);
    }

    @Test
    void upsert_startRepeatedInOneCall_keepsTheLast() {
        Bar later = bar(FIRST, 103, false);

        assertThat(store.upsert(BTC_1H, List.of(bar(FIRST, 100, false), bar(FIRST.plus(Duration.ofHours(1)), 101, true),
                later))).isEqualTo(2);
        assertThat(readAll(BTC_1H).get(0)).isEqualTo(later);
    }

    @Test
    void upsertAll_severalSeries_areWrittenInOneCall() {
        Map<SeriesId, List<Bar>> call = new LinkedHashMap<>();
        call.put(BTC_1H, bars(Timeframe.H1, FIRST, 300));
        call.put(ETH_1H, bars(Timeframe.H1, FIRST, 200, false, 50));
        call.put(SeriesId.of("SOL-USD", Timeframe.H1), List.of());

        assertThat(store.upsertAll(call)).isEqualTo(500);
        assertThat(readAll(BTC_1H).size()).isEqualTo(300);
        assertThat(readAll(ETH_1H).toList()).isEqualTo(call.get(ETH_1H));
        assertThat(store.seriesIds()).containsExactly(BTC_1H, ETH_1H);
    }

    @Test
    void upsert_largeCall_isOneStatement() {
        List<Bar> many = new ArrayList<>(bars(Timeframe.H1, FIRST, 50_000));

        assertThat(store.upsert(BTC_1H, many)).isEqualTo(50_000);
        assertThat(store.stats(BTC_1H).orElseThrow().count()).isEqualTo(50_000);
    }

    @Test
    void upsert_twoWritersOfTheSameNewBarsAtOnce_bothSucceedAndEachRowCountsOnce() throws Exception {
        pool.setMaximumPoolSize(4);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 20; round++) {
                SeriesId series = SeriesId.of("RACE" + round + "-USD", Timeframe.H1);
                List<Bar> same = bars(Timeframe.H1, FIRST, 500);
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Integer> write = () -> {
                    together.await();
                    return store.upsert(series, same);
                };
                Future<Integer> a = two.submit(write);
                Future<Integer> b = two.submit(write);

                assertThat(a.get() + b.get()).as("round " + round).isEqualTo(500);
                assertThat(readAll(series).toList()).isEqualTo(same);
            }
        }
    }

    @Test
    void bars_withoutTheirSeries_areRefusedAsByAForeignKey() throws SQLException {
        store.upsert(BTC_1H, bars(Timeframe.H1, FIRST, 3));
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("""
                    INSERT INTO bars (series_id, start_ms, open, high, low, close, volume, final)
                    VALUES (424242, 0, 1, 1, 1, 1, 0, 1)"""))
                    .isInstanceOf(SQLException.class).hasMessageContaining("series 424242 which does not exist")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            assertThatThrownBy(() -> st.executeUpdate("UPDATE bars SET series_id = 424242"))
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM series WHERE symbol = 'BTC-USD'"))
                    .hasMessageContaining("would leave the bars of series");
        }
        assertThat(readAll(BTC_1H).size()).isEqualTo(3);
    }

    private BarSeries readAll(SeriesId series) {
        return store.read(series, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Integer.MAX_VALUE);
    }
}
