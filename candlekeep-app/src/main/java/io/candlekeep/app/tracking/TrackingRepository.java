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

    /**
     * Records {@code userId}'s interest; the symbol's priority and source become those of its strongest interest,
     * and a symbol nobody watched (or a DORMANT one) is watched again.
     */
    void track(long userId, Symbol symbol, InterestSource source, Collection<Timeframe> timeframes, Instant now) {
        jdbc.sql("""
                INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at)
                VALUES (:symbol, :assetClass, :source, :priority, 'ACTIVE', :now, :now)
                ON CONFLICT (symbol) DO NOTHING
                """)
                .param("symbol", symbol.value())
                .param("assetClass", symbol.assetClass().name())
                .param("source", source.code())
                .param("priority", source.priority())
                .param("now", now.toEpochMilli())
                .update();
        jdbc.sql("""
                INSERT INTO interest (user_id, symbol, source, priority, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, symbol, source) DO NOTHING
                """)
                .params(userId, symbol.value(), source.code(), source.priority(), now.toEpochMilli())
                .update();
        settleInterest(symbol, now);
        for (Timeframe tf : timeframes) {
            jdbc.sql("INSERT INTO tracked_series (symbol, timeframe, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(symbol.value(), tf.code(), now.toEpochMilli())
                    .update();
        }
    }

    /**
     * Removes {@code userId}'s interest in {@code symbol} from {@code source}, or from every source when it is null;
     * answers how many interests went. When none is left the symbol drops to background priority and its
     * {@code unwatched_since} is set: it keeps syncing until {@link #retireUnwatched} turns it DORMANT.
     */
    int untrack(long userId, Symbol symbol, InterestSource source, Instant now) {
        int removed = source == null
                ? jdbc.sql("DELETE FROM interest WHERE user_id = ? AND symbol = ?").params(userId, symbol.value()).update()
                : jdbc.sql("DELETE FROM interest WHERE user_id = ? AND symbol = ? AND source = ?")
                        .params(userId, symbol.value(), source.code()).update();
        if (removed > 0) {
            settleInterest(symbol, now);
        }
        return removed;
    }

    /** Priority and source from the strongest remaining interest; background priority when none is left. */
    private void settleInterest(Symbol symbol, Instant now) {
        jdbc.sql("""
                UPDATE tracked_symbol SET
                    priority = COALESCE((SELECT MAX(i.priority) FROM interest i WHERE i.symbol = :symbol), :background),
                    source = COALESCE((SELECT i.source FROM interest i WHERE i.symbol = :symbol
                                        ORDER BY i.priority DESC, i.source LIMIT 1), :backgroundSource),
                    unwatched_since = CASE
                        WHEN EXISTS (SELECT 1 FROM interest i WHERE i.symbol = :symbol) THEN NULL
                        ELSE COALESCE(unwatched_since, :now) END,
                    status = CASE
                        WHEN status = 'DORMANT' AND EXISTS (SELECT 1 FROM interest i WHERE i.symbol = :symbol) THEN 'ACTIVE'
                        ELSE status END,
                    updated_at = :now
                 WHERE symbol = :symbol
                """)
                .param("symbol", symbol.value())
                .param("background", InterestSource.BACKGROUND.priority())
                .param("backgroundSource", InterestSource.BACKGROUND.code())
                .param("now", now.toEpochMilli())
                .update();
    }

    /** Turns ACTIVE symbols nobody has watched since {@code cutoff} or earlier DORMANT; answers which. */
    List<Symbol> retireUnwatched(Instant cutoff, Instant now) {
        List<Symbol> symbols = jdbc.sql("""
                SELECT symbol FROM tracked_symbol
                 WHERE status = 'ACTIVE' AND unwatched_since IS NOT NULL AND unwatched_since <= ? ORDER BY symbol
                """)
                .param(cutoff.toEpochMilli())
                .query((rs, n) -> Symbol.of(rs.getString(1)))
                .list();
        for (Symbol symbol : symbols) {
            jdbc.sql("UPDATE tracked_symbol SET status = 'DORMANT', updated_at = ? WHERE symbol = ? AND status = 'ACTIVE'")
                    .params(now.toEpochMilli(), symbol.value())
                    .update();
        }
        return symbols;
    }

    /** The status of each of {@code symbols} that is tracked, in one query. */
    Map<Symbol, TrackedSymbol.Status> statuses(Collection<Symbol> symbols) {
        Map<Symbol, TrackedSymbol.Status> result = new LinkedHashMap<>();
        if (symbols.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT symbol, status FROM tracked_symbol WHERE symbol IN (:symbols)")
                .param("symbols", symbols.stream().map(Symbol::value).toList())
                .query((rs, n) -> Map.entry(Symbol.of(rs.getString(1)), TrackedSymbol.Status.valueOf(rs.getString(2))))
                .list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    boolean hasInterest(long userId, Symbol symbol, InterestSource source) {
        return jdbc.sql("SELECT COUNT(*) FROM interest WHERE user_id = ? AND symbol = ? AND source = ?")
                .params(userId, symbol.value(), source.code())
                .query(Integer.class).single() > 0;
    }

    /** The interest of one user, by symbol: its sources, strongest first. */
    Map<Symbol, List<InterestSource>> interestOf(long userId) {
        Map<Symbol, List<InterestSource>> result = new LinkedHashMap<>();
        jdbc.sql("SELECT symbol, source FROM interest WHERE user_id = ? ORDER BY symbol, priority DESC")
                .param(userId)
                .query((rs, n) -> Map.entry(Symbol.of(rs.getString(1)), InterestSource.of(rs.getString(2))))
                .list()
                .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return result;
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
                long createdAt, Long unwatchedSince, int users, String timeframe) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT s.symbol, s.asset_class, s.source, s.priority, s.status, s.status_reason, s.created_at,
                       s.unwatched_since, (SELECT COUNT(DISTINCT i.user_id) FROM interest i WHERE i.symbol = s.symbol),
                       t.timeframe
                  FROM tracked_symbol s LEFT JOIN tracked_series t ON t.symbol = s.symbol
                """ + where + " ORDER BY s.symbol")
                .params(params)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getObject(8) == null ? null : rs.getLong(8), rs.getInt(9),
                        rs.getString(10)))
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
                    Optional.ofNullable(r.reason()), Instant.ofEpochMilli(r.createdAt()), tfs, r.users(),
                    Optional.ofNullable(r.unwatchedSince()).map(Instant::ofEpochMilli)));
        }
        return result;
    }
}
