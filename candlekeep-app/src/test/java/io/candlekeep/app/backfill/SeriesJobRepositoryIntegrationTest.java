package io.candlekeep.app.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlekeep.app.testing.TestDatabase;
import io.candlekeep.app.testing.TestStores;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plans of a series on each store, where several instances on one PostgreSQL may plan the same series at once and
 * a job's workers really settle it at once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@Tag(TestStores.OWN_STORE)
final class SeriesJobRepositoryIntegrationTest {

    private static final SeriesId SERIES = SeriesId.of("AAPL", Timeframe.H1);
    private static final Instant NOW = Instant.parse("2026-03-02T15:30:00Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    @AutoClose
    private TestDatabase db;
    private SeriesJobRepository jobs;
    private BackfillRunRepository runs;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind, dir);
        JdbcClient jdbc = db.jdbc();
        jobs = new SeriesJobRepository(jdbc);
        // its meters go to a registry of their own: this test reads the runs from the table
        runs = new BackfillRunRepository(jdbc, new BackfillMetrics(new SimpleMeterRegistry(), new BackfillStatistics(jdbc),
                Clock.systemUTC()));
    }

    @Test
    void startPlan_jobPlannedMeanwhileByAnotherInstance_leavesThatPlan() {
        OptionalLong first = plan(0, 3, NOW);
        OptionalLong sawNoJobEither = plan(0, 3, NOW);
        OptionalLong replan = plan(1, 3, NOW);
        OptionalLong sawTheFirstPlan = plan(1, 3, NOW);

        assertThat(first).hasValue(1);
        assertThat(sawNoJobEither).isEmpty();
        assertThat(replan).hasValue(2);
        assertThat(sawTheFirstPlan).isEmpty();
        assertThat(jobs.find(SERIES)).get().extracting(SeriesJob::jobSeq).isEqualTo(2L);
    }

    /**
     * Each worker commits its run, then settles; whichever settles last sees every run, so the plan is closed
     * once all its slices are done, however the workers interleave.
     */
    @Test
    void settle_everySliceFinishingAtOnce_closesThePlan() throws Exception {
        int slices = 6;
        ExecutorService workers = Executors.newFixedThreadPool(slices);
        try {
            long seq = 0;
            for (int round = 0; round < 20; round++) {
                Instant now = NOW.plus(Duration.ofMinutes(round));
                seq = plan(seq, slices, now).orElseThrow();
                CyclicBarrier together = new CyclicBarrier(slices);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    SliceTask slice = SliceTask.of(SERIES, seq, TimeRange.of(NOW.plus(Duration.ofDays(i)),
                            NOW.plus(Duration.ofDays(i + 1))));
                    long run = runs.start(slice, "simulated", now).orElseThrow();
                    long plan = seq;
                    done.add(workers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        runs.finish(run, RunStatus.SUCCEEDED, 24, null, now, now);
                        jobs.settle(SERIES, plan, true, Optional.empty(), now);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }

                SeriesJob job = jobs.find(SERIES).orElseThrow();
                assertThat(job.status()).as("plan %s after its %s slices settled at once", seq, slices)
                        .isEqualTo(JobStatus.COMPLETE);
                assertThat(job.lastSync()).contains(now);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private OptionalLong plan(long replacedSeq, int slices, Instant now) {
        return jobs.startPlan(SERIES, replacedSeq, "simulated", now.minus(Duration.ofDays(30)), Optional.empty(),
                slices, Set.of(), now);
    }
}
