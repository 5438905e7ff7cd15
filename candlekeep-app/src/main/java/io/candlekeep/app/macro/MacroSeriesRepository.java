package io.candlekeep.app.macro;

import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code macro_series}: one row per macro series a provider has described. */
@Repository
class MacroSeriesRepository {

    private final JdbcClient jdbc;

    MacroSeriesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(MacroSeries series, Instant now) {
        jdbc.sql("""
                INSERT INTO macro_series (symbol, frequency, title, units, last_updated_ms, updated_at)
                VALUES (:symbol, :frequency, :title, :units, :lastUpdated, :now)
                ON CONFLICT (symbol) DO UPDATE SET frequency = excluded.frequency, title = excluded.title,
                    units = excluded.units, last_updated_ms = excluded.last_updated_ms, updated_at = excluded.updated_at
                """)
                .param("symbol", series.symbol().value())
                .param("frequency", series.frequency().map(Frequency::code).orElse(null))
                .param("title", series.title())
                .param("units", series.units())
                .param("lastUpdated", series.lastUpdated().map(Instant::toEpochMilli).orElse(null))
                .param("now", now.toEpochMilli())
                .update();
    }

    Optional<MacroSeries> find(Symbol symbol) {
        return jdbc.sql("SELECT frequency, title, units, last_updated_ms FROM macro_series WHERE symbol = ?")
                .param(symbol.value())
                .query((rs, n) -> {
                    long lastUpdated = rs.getLong(4);
                    Optional<Instant> updated = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastUpdated));
                    return new MacroSeries(symbol, Optional.ofNullable(rs.getString(1)).map(Frequency::of),
                            rs.getString(2), rs.getString(3), updated);
                })
                .optional();
    }
}
