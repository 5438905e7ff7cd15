package io.candlekeep.app.tracking;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
        track(userId, List.of(symbol), source, timeframes, now);
    }

    /**
     * As {@link #track(long, Symbol, InterestSource, Collection, Instant)} for each of {@code symbols} (a request's,
     * at most a few hundred), in four statements however many they are. Rows are written in symbol order, so two
     * requests naming the same symbols lock them in the same order.
     */
    void track(long userId, Collection<Symbol> symbols, InterestSource source, Collection<Timeframe> timeframes,
            Instant now) {
        List<Symbol> sorted = symbols.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return;
        }
        long at = now.toEpochMilli();
        List<Object> symbolRows = new ArrayList<>();
        List<Object> interestRows = new ArrayList<>();
        List<Object> seriesRows = new ArrayList<>();
        for (Symbol symbol : sorted) {
            symbolRows.addAll(List.of(symbol.value(), symbol.assetClass().name(), source.code(), source.priority(), at, at));
            interestRows.addAll(List.of(userId, symbol.value(), source.code(), source.priority(), at));
            for (Timeframe tf : timeframes.stream().distinct().sorted().toList()) {
                seriesRows.addAll(List.of(symbol.value(), tf.code(), at));
            }
        }
        jdbc.sql("INSERT INTO tracked_symbol (symbol, asset_class, source, priority, status, created_at, updated_at) VALUES "
                        + rows(sorted.size(), "(?, ?, ?, ?, 'ACTIVE', ?, ?)") + " ON CONFLICT (symbol) DO NOTHING")
                .params(symbolRows)
                .update();
        jdbc.sql("INSERT INTO interest (user_id, symbol, source, priority, created_at) VALUES "
                        + rows(sorted.size(), "(?, ?, ?, ?, ?)") + " ON CONFLICT (user_id, symbol, source) DO NOTHING")
                .params(interestRows)
                .update();
        settleInterest(sorted, now);
        if (!seriesRows.isEmpty()) {
            jdbc.sql("INSERT INTO tracked_series (symbol, timeframe, created_at) VALUES "
                            + rows(seriesRows.size() / 3, "(?, ?, ?)") + " ON CONFLICT DO NOTHING")
                    .params(seriesRows)
                    .update();
        }
    }

    private static String rows(int count, String row) {
        return String.join(", ", Collections.nCopies(count, row));
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
            settleInterest(List.of(symbol), now);
        }
        return removed;
    }

    /**
     * Priority and source of each of {@code symbols} from its strongest remaining interest; background priority when
     * none is left. One statement.
     */
    private void settleInterest(Collection<Symbol> symbols, Instant now) {
        jdbc.sql("""
                UPDATE tracked_symbol SET
                    priority = COALESCE((SELECT MAX(i.priority) FROM interest i WHERE i.symbol = tracked_symbol.symbol),
                                        :background),
                    source = COALESCE((SELECT i.source FROM interest i WHERE i.symbol = tracked_symbol.symbol
                                        ORDER BY i.priority DESC, i.source LIMIT 1), :backgroundSource),
                    unwatched_since = CASE
                        WHEN EXISTS (SELECT 1 FROM interest i WHERE i.symbol = tracked_symbol.symbol) THEN NULL
                        ELSE COALESCE(unwatched_since, :now) END,
                    status = CASE
                        WHEN status = 'DORMANT'
                             AND EXISTS (SELECT 1 FROM interest i WHERE i.symbol = tracked_symbol.symbol) THEN 'ACTIVE'
                        ELSE status END,
                    updated_at = :now
                 WHERE symbol IN (:symbols)
                """)
                .param("symbols", symbols.stream().map(Symbol::value).toList())
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

    /** The interest of one user in each of {@code symbols} (a page, a few hundred at most): its sources, strongest first. */
    Map<Symbol, List<InterestSource>> interestOf(long userId, Collection<Symbol> symbols) {
        Map<Symbol, List<InterestSource>> result = new LinkedHashMap<>();
        if (symbols.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT symbol, source FROM interest WHERE user_id = :user AND symbol IN (:symbols) ORDER BY symbol, priority DESC")
                .param("user", userId)
                .param("symbols", symbols.stream().map(Symbol::value).toList())
                .query((rs, n) -> Map.entry(Symbol.of(rs.getString(1)), InterestSource.of(rs.getString(2))))
                .list()
                .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return result;
    }

    /**
     * One page of tracked symbols in symbol order, in one query: at most {@code query.limit()} after its cursor, and
     * one more when there is one (so the caller knows whether another page follows), of
     * its status if it names one, and only those {@code userId} is interested in unless that is empty. The user's
     * interest is read here by the service, naming the user: the page is chosen by the symbols' status, which a
     * user-scoped transaction cannot read (it sees only {@code interest} of the symbol tables).
     */
    List<TrackedSymbol> page(Optional<Long> userId, TrackingListQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("after", query.after().map(Symbol::value).orElse(""));
        params.put("limit", query.limit() + 1);
        return load("WHERE s.symbol IN (SELECT p.symbol FROM tracked_symbol p WHERE p.symbol > :after"
                + filters(userId, query, params) + " ORDER BY p.symbol LIMIT :limit)", params);
    }

    /** How many symbols the pages of {@code query} list together, in one query. */
    int count(Optional<Long> userId, TrackingListQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM tracked_symbol p WHERE 1 = 1" + filters(userId, query, params))
                .params(params)
                .query(Integer.class).single();
    }

    private static String filters(Optional<Long> userId, TrackingListQuery query, Map<String, Object> params) {
        StringBuilder where = new StringBuilder();
        query.status().ifPresent(status -> {
            where.append(" AND p.status = :status");
            params.put("status", status.name());
        });
        userId.ifPresent(id -> {
            where.append(" AND EXISTS (SELECT 1 FROM interest i WHERE i.symbol = p.symbol AND i.user_id = :user)");
            params.put("user", id);
        });
        return where.toString();
    }

    Optional<TrackedSymbol> find(Symbol symbol) {
        return load("WHERE s.symbol = :symbol", Map.of("symbol", symbol.value())).stream().findFirst();
    }

    /** Those of {@code symbols} that are tracked (at most a few hundred), in symbol order: one query. */
    List<TrackedSymbol> findAll(Collection<Symbol> symbols) {
        if (symbols.isEmpty()) {
            return List.of();
        }
        return load("WHERE s.symbol IN (:symbols)", Map.of("symbols", symbols.stream().map(Symbol::value).distinct().toList()));
    }

    List<TrackedSymbol> findAll() {
        return load("", Map.of());
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

    private List<TrackedSymbol> load(String where, Map<String, ?> params) {
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
