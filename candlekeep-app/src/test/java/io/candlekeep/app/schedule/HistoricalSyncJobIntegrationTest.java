package io.candlekeep.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The historical sync's stale check: which tracked symbols get a tail sync, read from the migrated tables. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class HistoricalSyncJobIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofHours(3));

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path folder;

    @AutoClose
    private TestDatabase db;
    private JdbcClient jdbc;
    private HistoricalSyncJob job;

    @BeforeEach
    void open() {
        db = TestDatabase.create(kind, folder);
        jdbc = JdbcClient.create(db.writer());
        // the stale check needs neither tracking nor planning: those act on its answer
        job = new HistoricalSyncJob(null, null, new ScheduleProperties(Map.of()), jdbc, null,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }


    @Test
    void candidates_mixOfFreshStaleAndRunningSeries_listsActiveSymbolsWithAStaleOrMissingJob() {
        tracked("FRESH", "ACTIVE", 100);
        job("FRESH", "15m", "COMPLETE", NOW.minusSeconds(60));
        job("FRESH", "1d", "COMPLETE", CUTOFF);
        tracked("STALE", "ACTIVE", 100);
        job("STALE", "15m", "COMPLETE", NOW.minusSeconds(60));
        job("STALE", "1h", "COMPLETE", CUTOFF.minusMillis(1));
        tracked("NEVER", "ACTIVE", 100);
        job("NEVER", "1d", "FAILED", null);
        tracked("RUNNING", "ACTIVE", 100);
        job("RUNNING", "1d", "QUEUED", null);
        job("RUNNING", "1h", "QUEUED", CUTOFF.minusSeconds(3600));
        tracked("UNPLANNED", "ACTIVE", 100);
        tracked("GONE", "NOT_FOUND", 100);
        job("GONE", "1d", "NOT_FOUND", CUTOFF.minusSeconds(3600));
        tracked("GONE2", "NOT_FOUND", 100);

        assertThat(job.candidates(CUTOFF)).containsExactly("NEVER", "STALE", "UNPLANNED");
    }

    @Test
    void candidates_severalStale_areOrderedByPriorityThenSymbol() {
        tracked("BBB", "ACTIVE", 100);
        job("BBB", "1d", "COMPLETE", CUTOFF.minusSeconds(1));
        tracked("AAA", "ACTIVE", 100);
        job("AAA", "1d", "COMPLETE", CUTOFF.minusSeconds(1));
        tracked("ZZZ", "ACTIVE", 400);
        job("ZZZ", "15m", "FAILED", CUTOFF.minusSeconds(1));
        job("ZZZ", "1h", "FAILED", CUTOFF.minusSeconds(1));

        assertThat(job.candidates(CUTOFF)).containsExactly("ZZZ", "AAA", "BBB");
    }

    @Test
    void candidates_allFresh_isEmpty() {
        for (int i = 0; i < 50; i++) {
            String symbol = "S" + i;
            tracked(symbol, "ACTIVE", 100);
            job(symbol, "15m", "COMPLETE", NOW.minusSeconds(i));
            job(symbol, "1d", "COMPLETE", CUTOFF.plusSeconds(i));
        }

        assertThat(job.candidates(CUTOFF)).isEmpty();
    }

    private void tracked(String symbol, String status, int priority) {
        jdbc.sql("""
                INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at)
                VALUES (?, 'STOCK', 'api', ?, ?, 0, 0)""").params(symbol, priority, status).update();
    }

    private void job(String symbol, String timeframe, String status, Instant lastSync) {
        jdbc.sql("""
                INSERT INTO series_job (symbol, timeframe, job_seq, status, provider, window_start_ms, slices_total,
                                        last_sync_ms, created_at, updated_at)
                VALUES (?, ?, 1, ?, 'simulated', 0, 1, ?, 0, 0)""")
                .params(symbol, timeframe, status, lastSync == null ? null : lastSync.toEpochMilli()).update();
    }
}
