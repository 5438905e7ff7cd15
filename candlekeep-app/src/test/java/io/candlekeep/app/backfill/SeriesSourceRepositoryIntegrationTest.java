package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The providers' spans of a series on each store, where slices of one series may be answered at once. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class SeriesSourceRepositoryIntegrationTest {

    private static final SeriesId DAILY = SeriesId.of("AAPL", Timeframe.D1);
    private static final SeriesId HOURLY = SeriesId.of("AAPL", Timeframe.H1);
    private static final Instant DAY0 = Instant.parse("2026-06-01T13:30:00Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private SeriesSourceRepository sources;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        sources = new SeriesSourceRepository(db.jdbc(), new TransactionTemplate(new JdbcTransactionManager(db.writer())));
        SeriesJobRepository jobs = new SeriesJobRepository(db.jdbc());
        for (SeriesId series : List.of(DAILY, HOURLY)) {
            jobs.startPlan(series, 0, "yahoo", DAY0, Optional.empty(), 1, Set.of(), DAY0).orElseThrow();
        }
    }

    private static ProviderSpan span(String provider, int fromDay, int toDay) {
        return ProviderSpan.of(provider, DAY0.plus(Duration.ofDays(fromDay)), DAY0.plus(Duration.ofDays(toDay)));
    }

    @Test
    void record_yahooThenStooqInsideThenYahooAgain_keepsEachRangesLastProvider() {
        sources.record(DAILY, span("yahoo", 0, 20));
        sources.record(DAILY, span("stooq", 5, 8));
        sources.record(DAILY, span("yahoo", 19, 22));

        assertThat(sources.find(DAILY)).containsExactly(span("yahoo", 0, 5), span("stooq", 5, 8), span("yahoo", 8, 22));
    }

    @Test
    void findAll_symbol_isEachFetchedSeriesByTimeframe() {
        sources.record(DAILY, span("stooq", 0, 3));
        sources.record(HOURLY, span("yahoo", 1, 2));

        assertThat(sources.findAll(Symbol.of("AAPL"))).containsOnlyKeys(Timeframe.D1, Timeframe.H1)
                .containsEntry(Timeframe.D1, List.of(span("stooq", 0, 3)))
                .containsEntry(Timeframe.H1, List.of(span("yahoo", 1, 2)));
        assertThat(sources.findAll(Symbol.of("MSFT"))).isEmpty();
    }

    /**
     * Every slice of a plan answered by one provider at the same moment: each reads the spans, lays its own over them
     * and writes them back, so without taking turns one would overwrite what another had just written.
     */
    @Test
    void record_slicesAnsweredAtOnce_loseNoSpan() throws Exception {
        int slices = 6;
        ExecutorService workers = Executors.newFixedThreadPool(slices);
        try {
            for (int round = 0; round < 10; round++) {
                int base = round * slices;
                CyclicBarrier together = new CyclicBarrier(slices);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    // apart, not touching: what joins them is the merge of neighbours, which needs all of them seen
                    ProviderSpan answer = span("stooq", base + i, base + i + 1).withRange(
                            DAY0.plus(Duration.ofDays(base + i)), DAY0.plus(Duration.ofDays(base + i)).plusSeconds(3600));
                    done.add(workers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        sources.record(DAILY, answer);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }

                assertThat(sources.find(DAILY)).as("after round %s", round).containsExactly(
                        ProviderSpan.of("stooq", DAY0, DAY0.plus(Duration.ofDays(base + slices - 1)).plusSeconds(3600)));
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
