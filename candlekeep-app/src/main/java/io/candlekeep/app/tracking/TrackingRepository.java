package io.candlekeep.app.tracking;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code tracked_symbol} and {@code tracked_series}. */
@Repository
class TrackingRepository {

    private final JdbcClient jdbc;

    TrackingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the interest; the symbol keeps the higher of its old and new priority. */
    void track(Symbol symbol, InterestSource source, Collection<Timeframe> timeframes, Instant now) {
        jdbc.sql("""
                INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at)
                VALUES (:symbol, :assetClass, :source, :priority, 'ACTIVE', :now, :now)
                ON CONFLICT (symbol) DO UPDATE SET
                    source = CASE WHEN excluded.priority > tracked_symbol.priority THEN excluded.source ELSE tracked_symbol.source END,
                    priority = MAX(tracked_symbol.priority, excluded.priority),
                    updated_at = excluded.updated_at
                """)
                .param("symbol", symbol.value())
                .param("assetClass", symbol.assetClass().name())
                .param("source", source.code())
                .param("priority", source.priority())
                .param("now", now.toEpochMilli())
                .update();
        for (Timeframe tf : timeframes) {
            jdbc.sql("INSERT INTO tracked_series (symbol, timeframe, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(symbol.value(), tf.code(), now.toEpochMilli())
                    .update();
        }
    }

    Optional<TrackedSymbol> find(Symbol symbol) {
        return load("WHERE s.symbol = ?", List.of(symbol.value())).stream().findFirst();
    }

    List<TrackedSymbol> findAll() {
        return load("", List.of());
    }

    boolean exists(Symbol symbol) {
        return jdbc.sql("SELECT COUNT(*) FROM tracked_symbol WHERE symbol = ?").param(symbol.value())
                .query(Integer.class).single() > 0;
    }

    void markNotFound(Symbol symbol, String reason, Instant now) {
        jdbc.sql("UPDATE tracked_symbol SET status = 'NOT_FOUND', status_reason = ?, updated_at = ? WHERE symbol = ?")
                .params(reason, now.toEpochMilli(), symbol.value())
                .update();
    }

    private List<TrackedSymbol> load(String where, List<Object> params) {
        record Row(String symbol, String assetClass, String source, int priority, String status, String reason,
                long createdAt, String timeframe) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT s.symbol, s.asset_class, s.source, s.priority, s.status, s.status_reason, s.created_at, t.timeframe
                  FROM tracked_symbol s LEFT JOIN tracked_series t ON t.symbol = s.symbol
                """ + where + " ORDER BY s.symbol")
                .params(params)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getString(8)))
                .list();
        Map<String, List<Row>> bySymbol = new LinkedHashMap<>();
        rows.forEach(r -> bySymbol.computeIfAbsent(r.symbol(), k -> new ArrayList<>()).add(r));
        List<TrackedSymbol> result = new ArrayList<>();
        for (List<Row> group : bySymbol.values()) {
            Row r = group.getFirst();
            Set<Timeframe> tfs = EnumSet.noneOf(Timeframe.class);
            group.stream().filter(g -> g.timeframe() != null).forEach(g -> tfs.add(Timeframe.of(g.timeframe())));
            result.add(new TrackedSymbol(Symbol.of(r.symbol()), AssetClass.valueOf(r.assetClass()),
                    InterestSource.of(r.source()), r.priority(), TrackedSymbol.Status.valueOf(r.status()),
                    Optional.ofNullable(r.reason()), Instant.ofEpochMilli(r.createdAt()), tfs));
        }
        return result;
    }
}
