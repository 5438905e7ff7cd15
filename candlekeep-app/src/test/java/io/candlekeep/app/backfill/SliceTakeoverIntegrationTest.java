package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A slice whose worker died, or was taken for dead while it worked on (its heartbeats did not reach the database),
 * is run again by another worker: the run the first one left open is closed as INTERRUPTED, a late finish of it no
 * longer counts, and a slice that was finished already is not fetched again. Each slice of a plan ends with one
 * finished run.
 */
final class SliceTakeoverIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final SeriesId SERIES = SeriesId.of("AAPL", Timeframe.H1);
    private static final SliceTask SLICE = SliceTask.of(SERIES, 1,
            TimeRange.of(Instant.parse("2026-02-23T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));

    @TempDir
    Path dir;

    private TestDatabase db;
    private JdbcClient jdbc;
    private BackfillRunRepository runs;

    @BeforeEach
    void open() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        jdbc = JdbcClient.create(db.writer());
        // its meters go to a registry of their own: this test reads the runs from the table
        runs = new BackfillRunRepository(jdbc, new BackfillMetrics(new SimpleMeterRegistry(), new BackfillStatistics(jdbc),
                Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void start_aRunOfTheSameSliceStillRunning_closesItAsInterruptedAndItsLateFinishDoesNotCount() {
        long dead = runs.start(SLICE, "simulated", NOW).orElseThrow();

        long taken = runs.start(SLICE, "simulated", NOW.plusSeconds(5)).orElseThrow();

        assertThat(status(dead)).isEqualTo("INTERRUPTED");
        assertThat(runs.finish(dead, RunStatus.SUCCEEDED, 10, null, NOW, NOW.plusSeconds(6)))
                .as("the first worker finishing late").isFalse();
        assertThat(status(dead)).isEqualTo("INTERRUPTED");
        assertThat(runs.finish(taken, RunStatus.SUCCEEDED, 0, null, NOW.plusSeconds(5), NOW.plusSeconds(7))).isTrue();
        assertThat(finishedRuns()).isEqualTo(1);
    }

    @Test
    void start_sliceFinishedInThisPlan_opensNoRun() {
        long first = runs.start(SLICE, "simulated", NOW).orElseThrow();
        runs.finish(first, RunStatus.SUCCEEDED, 10, null, NOW, NOW.plusSeconds(1));

        assertThat(runs.start(SLICE, "simulated", NOW.plusSeconds(5))).isEmpty();
        assertThat(finishedRuns()).isEqualTo(1);
    }

    @Test
    void start_sliceFinishedInAnEarlierPlan_opensARun() {
        long first = runs.start(SLICE, "simulated", NOW).orElseThrow();
        runs.finish(first, RunStatus.SUCCEEDED, 10, null, NOW, NOW.plusSeconds(1));
        SliceTask replanned = SliceTask.of(SERIES, 2, SLICE.range());

        assertThat(runs.start(replanned, "simulated", NOW.plusSeconds(5))).isPresent();
    }

    @Test
    void run_sliceFinishedByAWorkerThatStoppedBeforeTheEngineRemovedIt_isNotFetchedAgain() {
        long first = runs.start(SLICE, "simulated", NOW).orElseThrow();
        runs.finish(first, RunStatus.SUCCEEDED, 10, null, NOW, NOW.plusSeconds(1));
        CountingProvider provider = new CountingProvider();
        SliceRunner runner = new SliceRunner(provider, null, new SeriesJobRepository(jdbc), runs, event -> { }, null,
                null, null, null,
                new BackfillProperties(null, 6, Duration.ofSeconds(1), Duration.ofMinutes(10), null, null),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));

        CompletionHandler<SliceTask> next = runner.run(SLICE);

        assertThat(next).isInstanceOf(CompletionHandler.OnCompleteRemove.class);
        assertThat(provider.fetches.get()).isZero();
        assertThat(finishedRuns()).isEqualTo(1);
    }

    /**
     * The worker recorded its run, then the database went away before it settled the plan (or the process was
     * killed there): the engine runs the slice again, and that run closes the plan instead of leaving it QUEUED.
     */
    @Test
    void run_sliceFinishedButItsPlanNeverSettled_settlesThePlan() {
        SeriesJobRepository jobs = new SeriesJobRepository(jdbc);
        long seq = jobs.startPlan(SERIES, 0, "simulated", SLICE.range().startInclusive(), Optional.empty(), 1, Set.of(),
                NOW).orElseThrow();
        SliceTask slice = SliceTask.of(SERIES, seq, SLICE.range());
        long first = runs.start(slice, "simulated", NOW).orElseThrow();
        runs.finish(first, RunStatus.SUCCEEDED, 10, null, NOW, NOW.plusSeconds(1));
        assertThat(jobs.find(SERIES).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        CountingProvider provider = new CountingProvider();
        SliceRunner runner = new SliceRunner(provider, null, jobs, runs, event -> { }, null, null, null, null,
                new BackfillProperties(null, 6, Duration.ofSeconds(1), Duration.ofMinutes(10), null, null),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));

        runner.run(slice);

        assertThat(provider.fetches.get()).isZero();
        SeriesJob job = jobs.find(SERIES).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.lastSync()).contains(NOW.plusSeconds(5));
    }

    private String status(long runId) {
        return jdbc.sql("SELECT status FROM backfill_run WHERE id = ?").param(runId).query(String.class).single();
    }

    private long finishedRuns() {
        return jdbc.sql("SELECT COUNT(*) FROM backfill_run WHERE status IN ('SUCCEEDED', 'NO_DATA')")
                .query(Long.class).single();
    }

    private static final class CountingProvider implements HistoryProvider {
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public String name() {
            return "simulated";
        }

        @Override
        public ProviderCapabilities capabilities() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
            fetches.incrementAndGet();
            return new FetchOutcome.Fetched(List.of(), List.of());
        }
    }
}
