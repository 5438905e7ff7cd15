package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code backfill_run}: one row per attempt at one slice, the history monitoring shows. */
@Repository
class BackfillRunRepository {

    private final JdbcClient jdbc;
    private final BackfillMetrics metrics;

    BackfillRunRepository(JdbcClient jdbc, BackfillMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Opens the run of one attempt at {@code slice}, or answers empty when a run of the same plan has finished it
     * already (a worker that finished and died before the engine removed the execution, or one that was taken for
     * dead while it worked on): the slice is not fetched again. The engine hands an execution to one worker at a
     * time, and its data keeps the plan it was queued for, so a run of the same slice and plan still RUNNING is a
     * dead worker's: it is closed as INTERRUPTED first, and that worker's late {@link #finish} no longer counts.
     * Closing before looking keeps a finish racing with this start from counting twice: either it lands first and
     * this start sees it, or it finds its run closed.
     */
    Optional<Long> start(SliceTask slice, String provider, Instant now) {
        SeriesId series = slice.seriesId();
        int interrupted = jdbc.sql("""
                UPDATE backfill_run SET status = 'INTERRUPTED', finished_at = ?
                 WHERE symbol = ? AND timeframe = ? AND job_seq = ? AND slice_start = ? AND slice_end = ?
                   AND status = 'RUNNING'
                """)
                .params(now.toEpochMilli(), series.symbol().value(), series.timeframe().code(), slice.jobSeq(),
                        slice.startMs(), slice.endMs())
                .update();
        metrics.closed(RunStatus.INTERRUPTED, interrupted);
        boolean finished = jdbc.sql("""
                SELECT COUNT(*) FROM backfill_run
                 WHERE symbol = ? AND timeframe = ? AND job_seq = ? AND slice_start = ? AND slice_end = ?
                   AND status IN ('SUCCEEDED', 'NO_DATA')
                """)
                .params(series.symbol().value(), series.timeframe().code(), slice.jobSeq(), slice.startMs(), slice.endMs())
                .query(Long.class).single() > 0;
        if (finished) {
            return Optional.empty();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO backfill_run (symbol, timeframe, job_seq, slice_start, slice_end, status, attempt, provider, started_at)
                VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?)
                """)
                .params(series.symbol().value(), series.timeframe().code(), slice.jobSeq(), slice.startMs(), slice.endMs(),
                        slice.attempt(), provider, now.toEpochMilli())
                .update(keys, "id");
        return Optional.of(keys.getKey().longValue());
    }

    /** Closes a run with its outcome; false when it was closed as INTERRUPTED meanwhile (see {@link #start}). */
    boolean finish(long runId, RunStatus status, int rowsWritten, String error, Instant startedAt, Instant now) {
        return finish(runId, status, rowsWritten, error, null, startedAt, now);
    }

    /**
     * As {@link #finish(long, RunStatus, int, String, Instant, Instant)}, naming {@code answeredBy} as the run's
     * provider when it is not null: the provider whose bars the run wrote, which may be a later one than the provider
     * first asked that {@link #start} recorded.
     */
    boolean finish(long runId, RunStatus status, int rowsWritten, String error, String answeredBy, Instant startedAt,
            Instant now) {
        int closed = jdbc.sql("""
                UPDATE backfill_run SET status = ?, rows_written = ?, error = ?, provider = COALESCE(?, provider),
                       finished_at = ?, duration_ms = ?
                 WHERE id = ? AND status = 'RUNNING'
                """)
                .params(status.name(), rowsWritten, error, answeredBy, now.toEpochMilli(),
                        now.toEpochMilli() - startedAt.toEpochMilli(), runId)
                .update();
        metrics.closed(status, closed);
        return closed > 0;
    }

    /**
     * Runs a stopped process left open did not finish; their slices run again. Only where one instance runs: on a
     * shared database the open runs may be other instances' (a dead worker's run is closed by {@link #start}).
     */
    int markInterrupted(Instant now) {
        int interrupted = jdbc.sql("UPDATE backfill_run SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING'")
                .param(now.toEpochMilli()).update();
        metrics.closed(RunStatus.INTERRUPTED, interrupted);
        return interrupted;
    }
}
