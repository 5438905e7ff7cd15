package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code series_job}: one row per fetched series; progress is counted from {@code backfill_run}. */
@Repository
class SeriesJobRepository {

    private static final String SELECT = """
            SELECT j.symbol, j.timeframe, j.job_seq, j.status, j.provider, j.window_start_ms, j.beyond_reach_before_ms,
                   j.slices_total, j.derived_timeframes, j.last_sync_ms, j.last_error,
                   (SELECT COUNT(DISTINCT r.slice_start) FROM backfill_run r
                     WHERE r.symbol = j.symbol AND r.timeframe = j.timeframe AND r.job_seq = j.job_seq
                       AND r.status IN ('SUCCEEDED', 'NO_DATA')) AS done,
                   (SELECT COUNT(DISTINCT r.slice_start) FROM backfill_run r
                     WHERE r.symbol = j.symbol AND r.timeframe = j.timeframe AND r.job_seq = j.job_seq
                       AND r.status IN ('GAVE_UP', 'NOT_FOUND')) AS failed,
                   (SELECT COALESCE(SUM(r.rows_written), 0) FROM backfill_run r
                     WHERE r.symbol = j.symbol AND r.timeframe = j.timeframe AND r.job_seq = j.job_seq) AS rows_written
              FROM series_job j
            """;

    private final JdbcClient jdbc;

    SeriesJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SeriesJob> find(SeriesId series) {
        return jdbc.sql(SELECT + " WHERE j.symbol = ? AND j.timeframe = ?")
                .params(series.symbol().value(), series.timeframe().code())
                .query(SeriesJobRepository::map).optional();
    }

    List<SeriesJob> findBySymbol(Symbol symbol) {
        return jdbc.sql(SELECT + " WHERE j.symbol = ? ORDER BY j.timeframe").param(symbol.value())
                .query(SeriesJobRepository::map).list();
    }

    /** The jobs of every one of {@code symbols} (at most a few hundred), in one query. */
    List<SeriesJob> findBySymbols(Collection<Symbol> symbols) {
        if (symbols.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE j.symbol IN (:symbols) ORDER BY j.symbol, j.timeframe")
                .param("symbols", symbols.stream().map(Symbol::value).distinct().toList())
                .query(SeriesJobRepository::map).list();
    }

    /**
     * Series of active symbols whose last successful sync is older than {@code syncedBefore}, or that never synced
     * and have no plan running, in symbol order: one query, however many symbols are tracked.
     */
    List<SeriesId> findLagging(Instant syncedBefore) {
        return jdbc.sql("""
                SELECT j.symbol, j.timeframe FROM series_job j JOIN tracked_symbol s ON s.symbol = j.symbol
                 WHERE s.status = 'ACTIVE' AND j.status <> 'NOT_FOUND'
                   AND (j.last_sync_ms < ? OR (j.last_sync_ms IS NULL AND j.status <> 'QUEUED'))
                 ORDER BY j.symbol, j.timeframe
                """)
                .param(syncedBefore.toEpochMilli())
                .query((rs, n) -> SeriesId.of(rs.getString(1), Timeframe.of(rs.getString(2))))
                .list();
    }

    /**
     * Starts a new plan for the series and answers its sequence number, provided the series' job is still the plan
     * {@code replacedSeq} the caller saw (0: no job yet); empty when another instance planned it meanwhile.
     */
    OptionalLong startPlan(SeriesId series, long replacedSeq, String provider, Instant windowStart,
            Optional<Instant> beyondReachBefore, int slicesTotal, Set<Timeframe> derived, Instant now) {
        JobStatus status = slicesTotal == 0 ? JobStatus.COMPLETE : JobStatus.QUEUED;
        int written = jdbc.sql("""
                INSERT INTO series_job (symbol, timeframe, job_seq, status, provider, window_start_ms, beyond_reach_before_ms,
                                        slices_total, derived_timeframes, last_sync_ms, created_at, updated_at)
                VALUES (:symbol, :tf, 1, :status, :provider, :windowStart, :beyond, :total, :derived, :lastSync, :now, :now)
                ON CONFLICT (symbol, timeframe) DO UPDATE SET
                    job_seq = series_job.job_seq + 1, status = excluded.status, provider = excluded.provider,
                    window_start_ms = excluded.window_start_ms, beyond_reach_before_ms = excluded.beyond_reach_before_ms,
                    slices_total = excluded.slices_total, derived_timeframes = excluded.derived_timeframes,
                    last_sync_ms = COALESCE(excluded.last_sync_ms, series_job.last_sync_ms),
                    last_error = NULL, updated_at = excluded.updated_at
                 WHERE series_job.job_seq = :replacedSeq
                """)
                .param("symbol", series.symbol().value())
                .param("tf", series.timeframe().code())
                .param("status", status.name())
                .param("provider", provider)
                .param("windowStart", windowStart.toEpochMilli())
                .param("beyond", beyondReachBefore.map(Instant::toEpochMilli).orElse(null))
                .param("total", slicesTotal)
                .param("derived", encode(derived))
                .param("lastSync", slicesTotal == 0 ? now.toEpochMilli() : null)
                .param("now", now.toEpochMilli())
                .param("replacedSeq", replacedSeq)
                .update();
        if (written == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.sql("SELECT job_seq FROM series_job WHERE symbol = ? AND timeframe = ?")
                .params(series.symbol().value(), series.timeframe().code()).query(Long.class).single());
    }

    /** Adds derived timeframes to a running job, so its remaining slices feed them too. */
    void addDerived(SeriesId series, Set<Timeframe> derived, Instant now) {
        find(series).ifPresent(job -> {
            Set<Timeframe> all = EnumSet.noneOf(Timeframe.class);
            all.addAll(job.derived());
            all.addAll(derived);
            jdbc.sql("UPDATE series_job SET derived_timeframes = ?, updated_at = ? WHERE symbol = ? AND timeframe = ?")
                    .params(encode(all), now.toEpochMilli(), series.symbol().value(), series.timeframe().code())
                    .update();
        });
    }

    /**
     * Recounts the current plan's slices and closes the job when none is outstanding. The count and the
     * status change are one statement, so two slices settling at once cannot overwrite each other. That holds under
     * PostgreSQL's READ COMMITTED too, with no lock taken first: each worker commits its run before it settles, so of
     * two settling at once the later statement sees both runs, and an update blocked by the other re-checks
     * {@code status = 'QUEUED'} on the row the other committed.
     */
    void settle(SeriesId series, long jobSeq, boolean succeeded, Optional<String> error, Instant now) {
        jdbc.sql("""
                UPDATE series_job SET
                       status = CASE
                           WHEN (SELECT COUNT(DISTINCT r.slice_start) FROM backfill_run r
                                  WHERE r.symbol = series_job.symbol AND r.timeframe = series_job.timeframe
                                    AND r.job_seq = series_job.job_seq
                                    AND r.status IN ('SUCCEEDED', 'NO_DATA', 'GAVE_UP', 'NOT_FOUND')) < slices_total
                               THEN status
                           WHEN EXISTS (SELECT 1 FROM backfill_run r
                                  WHERE r.symbol = series_job.symbol AND r.timeframe = series_job.timeframe
                                    AND r.job_seq = series_job.job_seq AND r.status IN ('GAVE_UP', 'NOT_FOUND'))
                               THEN 'FAILED'
                           ELSE 'COMPLETE' END,
                       last_sync_ms = CASE WHEN :succeeded THEN :now ELSE last_sync_ms END,
                       last_error = COALESCE(:error, last_error),
                       updated_at = :now
                 WHERE symbol = :symbol AND timeframe = :tf AND job_seq = :seq AND status = 'QUEUED'
                """)
                .param("succeeded", succeeded)
                .param("now", now.toEpochMilli())
                .param("error", error.orElse(null))
                .param("symbol", series.symbol().value())
                .param("tf", series.timeframe().code())
                .param("seq", jobSeq)
                .update();
    }

    /** Records that the series was found current at {@code now} without fetching anything. */
    void confirmSynced(SeriesId series, Instant now) {
        jdbc.sql("UPDATE series_job SET last_sync_ms = ?, updated_at = ? WHERE symbol = ? AND timeframe = ? AND status <> 'QUEUED'")
                .params(now.toEpochMilli(), now.toEpochMilli(), series.symbol().value(), series.timeframe().code())
                .update();
    }

    /** Asks for the whole window of {@code series} to be fetched again once its current plan settles. */
    void requestRefetch(SeriesId series, Instant now) {
        jdbc.sql("UPDATE series_job SET refetch_pending = 1, updated_at = ? WHERE symbol = ? AND timeframe = ?")
                .params(now.toEpochMilli(), series.symbol().value(), series.timeframe().code())
                .update();
    }

    /** Clears a pending refetch of a settled job and answers whether there was one; only one caller wins. */
    boolean takeRefetch(SeriesId series) {
        return jdbc.sql("""
                UPDATE series_job SET refetch_pending = 0
                 WHERE symbol = ? AND timeframe = ? AND refetch_pending = 1 AND status IN ('COMPLETE', 'FAILED')
                """)
                .params(series.symbol().value(), series.timeframe().code())
                .update() > 0;
    }

    void markNotFound(Symbol symbol, String reason, Instant now) {
        jdbc.sql("UPDATE series_job SET status = 'NOT_FOUND', last_error = ?, updated_at = ? WHERE symbol = ?")
                .params(reason, now.toEpochMilli(), symbol.value()).update();
    }

    private static SeriesJob map(ResultSet rs, int row) throws SQLException {
        long beyond = rs.getLong("beyond_reach_before_ms");
        Optional<Instant> beyondReach = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(beyond));
        long lastSync = rs.getLong("last_sync_ms");
        Optional<Instant> lastSyncAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSync));
        return new SeriesJob(
                SeriesId.of(rs.getString("symbol"), Timeframe.of(rs.getString("timeframe"))),
                rs.getLong("job_seq"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("provider"),
                Instant.ofEpochMilli(rs.getLong("window_start_ms")),
                beyondReach,
                rs.getInt("slices_total"),
                rs.getInt("done"),
                rs.getInt("failed"),
                rs.getLong("rows_written"),
                lastSyncAt,
                Optional.ofNullable(rs.getString("last_error")),
                decode(rs.getString("derived_timeframes")));
    }

    private static String encode(Set<Timeframe> timeframes) {
        return timeframes.stream().map(Timeframe::code).sorted().collect(Collectors.joining(","));
    }

    private static Set<Timeframe> decode(String text) {
        Set<Timeframe> result = EnumSet.noneOf(Timeframe.class);
        if (text != null && !text.isBlank()) {
            for (String code : text.split(",")) {
                result.add(Timeframe.of(code));
            }
        }
        return result;
    }
}
