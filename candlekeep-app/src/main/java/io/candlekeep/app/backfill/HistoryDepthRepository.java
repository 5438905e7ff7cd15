package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code history_depth}: series that must reach further back than their timeframe's backfill window. */
@Repository
class HistoryDepthRepository {

    private final JdbcClient jdbc;

    HistoryDepthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The start {@code series} must reach back to, when it is earlier than its window's. */
    Optional<Instant> from(SeriesId series) {
        return jdbc.sql("SELECT from_ms FROM history_depth WHERE symbol = ? AND timeframe = ?")
                .params(series.symbol().value(), series.timeframe().code())
                .query(Long.class).optional().map(Instant::ofEpochMilli);
    }

    /** Makes {@code series} reach back to {@code from} unless it reaches that far already; true when it changed. */
    boolean deepen(SeriesId series, Instant from) {
        return jdbc.sql("""
                INSERT INTO history_depth (symbol, timeframe, from_ms) VALUES (:symbol, :tf, :from)
                ON CONFLICT (symbol, timeframe) DO UPDATE SET from_ms = excluded.from_ms
                 WHERE excluded.from_ms < history_depth.from_ms
                """)
                .param("symbol", series.symbol().value())
                .param("tf", series.timeframe().code())
                .param("from", from.toEpochMilli())
                .update() > 0;
    }
}
