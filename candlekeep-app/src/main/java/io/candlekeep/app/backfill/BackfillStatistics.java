package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the backfill did and what it has waiting, per fetched timeframe (a derived 4h has no runs of its own): the
 * runs of {@code backfill_run} by outcome, and the slices db-scheduler holds now. Plain SQL that SQLite and
 * PostgreSQL both run.
 */
@Repository
public class BackfillStatistics {

    // Shared by the per-timeframe rows and the total row of RUNS.
    private static final String TALLY = """
            SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END),
            SUM(CASE WHEN status IN ('FAILED', 'GAVE_UP') THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'RATE_LIMITED' THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'NO_DATA' THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'NOT_FOUND' THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'INTERRUPTED' THEN 1 ELSE 0 END),
            COALESCE(SUM(rows_written), 0)""";

    /**
     * The median is the mean of the middle one or two timed runs by rank: neither database has to offer a median
     * function, only window functions. Ranks are taken among timed runs alone (an interrupted run has no
     * duration), once per timeframe and once across all of them for the total row.
     */
    private static final String RUNS = """
            WITH ranked AS (
                SELECT timeframe, status, rows_written, duration_ms,
                       ROW_NUMBER() OVER (PARTITION BY timeframe, duration_ms IS NULL ORDER BY duration_ms) AS tf_rank,
                       COUNT(duration_ms) OVER (PARTITION BY timeframe) AS tf_timed,
                       ROW_NUMBER() OVER (PARTITION BY duration_ms IS NULL ORDER BY duration_ms) AS all_rank,
                       COUNT(duration_ms) OVER () AS all_timed
                  FROM backfill_run
                 WHERE finished_at >= :from AND finished_at < :to
            )
            SELECT timeframe, %1$s,
                   AVG(CASE WHEN tf_rank IN ((tf_timed + 1) / 2, (tf_timed + 2) / 2) THEN duration_ms END)
              FROM ranked GROUP BY timeframe
            UNION ALL
            SELECT NULL, %1$s,
                   AVG(CASE WHEN all_rank IN ((all_timed + 1) / 2, (all_timed + 2) / 2) THEN duration_ms END)
              FROM ranked
            """.formatted(TALLY);

    /** A slice's instance id starts with its series, {@code AAPL:1h@}: the timeframe sits just before the {@code @}. */
    private static final String PENDING = """
            SELECT CASE %s END AS timeframe,
                   SUM(CASE WHEN picked THEN 0 ELSE 1 END),
                   SUM(CASE WHEN picked THEN 1 ELSE 0 END)
              FROM scheduled_tasks WHERE task_name = :task
             GROUP BY 1
            """.formatted(Arrays.stream(Timeframe.values())
                    .map(tf -> "WHEN task_instance LIKE '%:" + tf.code() + "@%' THEN '" + tf.code() + "'")
                    .collect(Collectors.joining(" ")));

    private final JdbcClient jdbc;

    BackfillStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs that finished in one window, by outcome.
     *
     * @param failed runs that failed ({@code FAILED}, retried later) or gave up ({@code GAVE_UP})
     * @param medianDurationMs the median duration of the timed runs, or null when there is none
     */
    public record RunTally(long succeeded, long failed, long rateLimited, long noData, long notFound, long interrupted,
            long rowsWritten, Long medianDurationMs) {

        static final RunTally NONE = new RunTally(0, 0, 0, 0, 0, 0, 0, null);
    }

    /** The runs per fetched timeframe (timeframes without runs are absent) and over all of them. */
    public record RunStats(Map<Timeframe, RunTally> byTimeframe, RunTally total) {

        public RunTally of(Timeframe timeframe) {
            return byTimeframe.getOrDefault(timeframe, RunTally.NONE);
        }
    }

    /** Slices waiting for a worker (including those waiting out a backoff) and slices running. */
    public record PendingSlices(long queued, long running) {

        static final PendingSlices NONE = new PendingSlices(0, 0);

        PendingSlices plus(PendingSlices other) {
            return new PendingSlices(queued + other.queued, running + other.running);
        }
    }

    /** The slices db-scheduler holds now, per fetched timeframe (absent ones hold none) and in total. */
    public record SliceQueue(Map<Timeframe, PendingSlices> byTimeframe, PendingSlices total) {

        public PendingSlices of(Timeframe timeframe) {
            return byTimeframe.getOrDefault(timeframe, PendingSlices.NONE);
        }
    }

    /** The runs that finished in {@code window}, in one query. */
    public RunStats runsFinishedIn(TimeRange window) {
        Map<Timeframe, RunTally> byTimeframe = new EnumMap<>(Timeframe.class);
        RunTally[] total = {RunTally.NONE};
        jdbc.sql(RUNS)
                .param("from", window.startInclusive().toEpochMilli())
                .param("to", window.endExclusive().toEpochMilli())
                .query((ResultSet rs) -> {
                    String timeframe = rs.getString(1);
                    if (timeframe == null) {
                        total[0] = tally(rs);
                    } else {
                        byTimeframe.put(Timeframe.of(timeframe), tally(rs));
                    }
                });
        return new RunStats(byTimeframe, total[0]);
    }

    /** The slices queued and running now, in one query. */
    public SliceQueue pendingSlices() {
        Map<Timeframe, PendingSlices> byTimeframe = new EnumMap<>(Timeframe.class);
        PendingSlices[] total = {PendingSlices.NONE};
        jdbc.sql(PENDING)
                .param("task", BackfillTasks.SLICE_TASK)
                .query((ResultSet rs) -> {
                    PendingSlices pending = new PendingSlices(rs.getLong(2), rs.getLong(3));
                    total[0] = total[0].plus(pending);
                    // an instance id of no known timeframe still counts in the total
                    String timeframe = rs.getString(1);
                    if (timeframe != null) {
                        byTimeframe.put(Timeframe.of(timeframe), pending);
                    }
                });
        return new SliceQueue(byTimeframe, total[0]);
    }

    private static RunTally tally(ResultSet rs) throws SQLException {
        double median = rs.getDouble(9);
        Long medianMs = rs.wasNull() ? null : Math.round(median);
        return new RunTally(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8), medianMs);
    }
}
