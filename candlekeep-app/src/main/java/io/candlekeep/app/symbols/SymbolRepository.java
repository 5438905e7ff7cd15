package io.candlekeep.app.symbols;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.provider.Listing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code symbols}: one row per symbol some provider has described. */
@Repository
class SymbolRepository {

    private final JdbcClient jdbc;

    SymbolRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SymbolDirectory.Entry> find(Symbol symbol) {
        return jdbc.sql("""
                SELECT symbol, name, exchange, exchange_code, currency, time_zone, asset_class, updated_at
                  FROM symbols WHERE symbol = ?
                """)
                .param(symbol.value())
                .query(SymbolRepository::entry)
                .optional();
    }

    void upsert(Listing listing, Instant at) {
        jdbc.sql("""
                INSERT INTO symbols (symbol, name, exchange, exchange_code, currency, time_zone, asset_class, updated_at)
                VALUES (:symbol, :name, :exchange, :exchangeCode, :currency, :timeZone, :assetClass, :at)
                ON CONFLICT (symbol) DO UPDATE SET
                    name = excluded.name, exchange = excluded.exchange, exchange_code = excluded.exchange_code,
                    currency = excluded.currency, time_zone = excluded.time_zone, asset_class = excluded.asset_class,
                    updated_at = excluded.updated_at
                """)
                .param("symbol", listing.symbol().value())
                .param("name", listing.name())
                .param("exchange", listing.exchange())
                .param("exchangeCode", listing.exchangeCode())
                .param("currency", listing.currency())
                .param("timeZone", listing.timeZone() == null ? null : listing.timeZone().getId())
                .param("assetClass", listing.assetClass() == null ? null : listing.assetClass().name())
                .param("at", at.toEpochMilli())
                .update();
    }

    /**
     * The rows whose ticker contains {@code query}'s or whose name contains it (in any case), the best {@code limit} by
     * {@link SearchQuery#rank}: so none that would make the merged answer's cut is left out.
     */
    List<SymbolDirectory.Entry> matching(SearchQuery query, int limit) {
        return jdbc.sql("""
                SELECT symbol, name, exchange, exchange_code, currency, time_zone, asset_class, updated_at FROM symbols
                 WHERE symbol LIKE :tickerContains ESCAPE '\\' OR LOWER(name) LIKE :nameContains ESCAPE '\\'
                 ORDER BY CASE WHEN symbol = :ticker THEN 0
                               WHEN symbol LIKE :tickerPrefix ESCAPE '\\' THEN 1
                               WHEN LOWER(name) LIKE :nameContains ESCAPE '\\' THEN 2
                               ELSE 3 END, symbol
                 LIMIT :limit
                """)
                .param("ticker", query.ticker())
                .param("tickerContains", "%" + escapeLike(query.ticker()) + "%")
                .param("tickerPrefix", escapeLike(query.ticker()) + "%")
                .param("nameContains", "%" + escapeLike(query.lower()) + "%")
                .param("limit", limit)
                .query(SymbolRepository::entry)
                .list();
    }

    /** {@code text} with LIKE's wildcards and the escape character itself escaped by a backslash. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SymbolDirectory.Entry entry(ResultSet rs, int row) throws SQLException {
        String zone = rs.getString(6);
        String assetClass = rs.getString(7);
        Listing listing = new Listing(Symbol.of(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), zone == null ? null : ZoneId.of(zone),
                assetClass == null ? null : AssetClass.valueOf(assetClass));
        return new SymbolDirectory.Entry(listing, Instant.ofEpochMilli(rs.getLong(8)));
    }
}
