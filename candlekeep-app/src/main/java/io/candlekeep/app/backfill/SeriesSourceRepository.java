package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderSpan;
import io.candlekeep.core.provider.ProviderSpans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code series_source}: which provider wrote which range of each fetched series last, as sorted, disjoint
 * {@link ProviderSpan}s ({@link ProviderSpans#overlay}). A series one provider filled has one span; a Yahoo outage
 * that Stooq bridged leaves a Stooq span between Yahoo's.
 */
@Repository
class SeriesSourceRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    SeriesSourceRepository(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The spans of every fetched series of {@code symbol}, oldest first, by timeframe: one query. */
    Map<Timeframe, List<ProviderSpan>> findAll(Symbol symbol) {
        Map<Timeframe, List<ProviderSpan>> result = new EnumMap<>(Timeframe.class);
        jdbc.sql("SELECT timeframe, start_ms, end_ms, provider FROM series_source WHERE symbol = ? ORDER BY timeframe, start_ms")
                .param(symbol.value())
                .query(rs -> {
                    result.computeIfAbsent(Timeframe.of(rs.getString(1)), k -> new ArrayList<>()).add(ProviderSpan.of(
                            rs.getString(4), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))));
                });
        return result;
    }

    /** The spans of one series, oldest first. */
    List<ProviderSpan> find(SeriesId series) {
        return jdbc.sql("SELECT start_ms, end_ms, provider FROM series_source WHERE symbol = ? AND timeframe = ? ORDER BY start_ms")
                .params(series.symbol().value(), series.timeframe().code())
                .query((rs, n) -> ProviderSpan.of(rs.getString(3), Instant.ofEpochMilli(rs.getLong(1)),
                        Instant.ofEpochMilli(rs.getLong(2))))
                .list();
    }

    /**
     * Records that {@code span}'s provider has just written the bars of {@code series} in its range. One transaction
     * reads the spans, lays the new one over them and writes them back; it first locks the series' job row (an
     * update that changes nothing), so two slices of one series answered at once, on any instance, take turns. On
     * SQLite the one writer's transaction does that by itself.
     */
    void record(SeriesId series, ProviderSpan span) {
        String symbol = series.symbol().value();
        String timeframe = series.timeframe().code();
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE series_job SET updated_at = updated_at WHERE symbol = ? AND timeframe = ?")
                    .params(symbol, timeframe).update();
            List<ProviderSpan> before = find(series);
            List<ProviderSpan> after = ProviderSpans.overlay(before, span);
            if (after.equals(before)) {
                return;
            }
            jdbc.sql("DELETE FROM series_source WHERE symbol = ? AND timeframe = ?").params(symbol, timeframe).update();
            for (ProviderSpan s : after) {
                jdbc.sql("INSERT INTO series_source (symbol, timeframe, start_ms, end_ms, provider) VALUES (?, ?, ?, ?, ?)")
                        .params(symbol, timeframe, s.startInclusive().toEpochMilli(), s.endExclusive().toEpochMilli(),
                                s.provider())
                        .update();
            }
        });
    }
}
