package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code backfill_run}: one row per attempt at one slice, the history monitoring shows. */
@Repository
class BackfillRunRepository {

    private final JdbcClient jdbc;

    BackfillRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(SliceTask slice, String provider, Instant now) {
        SeriesId series = slice.seriesId();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO backfill_run (symbol, timeframe, job_seq, slice_start, slice_end, status, attempt, provider, started_at)
                VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?)
                """)
                .params(series.symbol().value(), series.timeframe().code(), slice.jobSeq(), slice.startMs(), slice.endMs(),
                        slice.attempt(), provider, now.toEpochMilli())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void finish(long runId, RunStatus status, int rowsWritten, String error, Instant startedAt, Instant now) {
        jdbc.sql("""
                UPDATE backfill_run SET status = ?, rows_written = ?, error = ?, finished_at = ?, duration_ms = ?
                 WHERE id = ?
                """)
                .params(status.name(), rowsWritten, error, now.toEpochMilli(), now.toEpochMilli() - startedAt.toEpochMilli(),
                        runId)
                .update();
    }

    /** Runs a stopped process left open did not finish; their slices run again. */
    int markInterrupted(Instant now) {
        return jdbc.sql("UPDATE backfill_run SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING'")
                .param(now.toEpochMilli()).update();
    }
}
