package io.candlekeep.app.store.postgres;

import io.candlekeep.app.store.BarStoreException;
import io.candlekeep.app.store.BarTable;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@link BarStore} on PostgreSQL. A write is one transaction: its rows go into a session-local temporary table
 * with {@code COPY} (text format, the fastest path pgjdbc offers), then into {@code bars} with one
 * {@code INSERT ... SELECT ... ON CONFLICT}, under the same rule as SQLite (a final bar is never replaced by a
 * forming one; unchanged rows are not counted). Rows repeating a start within one call keep the last.
 */
public final class PostgresBarStore implements BarStore {

    private static final String CREATE_STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS bars_in (
                series_id BIGINT NOT NULL, start_ms BIGINT NOT NULL, open DOUBLE PRECISION NOT NULL,
                high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL, close DOUBLE PRECISION NOT NULL,
                volume DOUBLE PRECISION NOT NULL, final INTEGER NOT NULL) ON COMMIT DELETE ROWS""";

    private static final String COPY = "COPY bars_in (series_id, start_ms, open, high, low, close, volume, final) FROM STDIN";

    private static final String MERGE = """
            INSERT INTO bars (series_id, start_ms, open, high, low, close, volume, final)
            SELECT series_id, start_ms, open, high, low, close, volume, final FROM bars_in""" + BarTable.UPSERT_CONFLICT;

    private final DataSource writer;
    private final BarTable table;

    public PostgresBarStore(DataSource writer, DataSource reader) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.table = new BarTable(writer, reader);
    }

    @Override
    public int upsert(SeriesId series, List<Bar> bars) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(bars, "bars");
        return bars.isEmpty() ? 0 : write(Map.of(series, bars));
    }

    @Override
    public int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
        Objects.requireNonNull(barsBySeries, "barsBySeries");
        return barsBySeries.values().stream().allMatch(List::isEmpty) ? 0 : write(barsBySeries);
    }

    @Override
    public BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        return table.read(series, startInclusive, endExclusive, limit);
    }

    @Override
    public Optional<SeriesStats> stats(SeriesId series) {
        return table.stats(series);
    }

    @Override
    public int deleteBefore(SeriesId series, Instant cutoffExclusive) {
        return table.deleteBefore(series, cutoffExclusive);
    }

    @Override
    public List<SeriesId> seriesIds() {
        return table.seriesIds();
    }

    private int write(Map<SeriesId, List<Bar>> barsBySeries) {
        Map<SeriesId, Long> resolved = new HashMap<>();
        try (Connection c = writer.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(CREATE_STAGING);
                }
                StringBuilder rows = new StringBuilder(64 * barsBySeries.values().stream().mapToInt(List::size).sum());
                for (Map.Entry<SeriesId, List<Bar>> e : barsBySeries.entrySet()) {
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    long key = keyOf(c, Objects.requireNonNull(e.getKey(), "series"), resolved);
                    for (Bar bar : lastPerStart(e.getValue())) {
                        append(rows, key, bar);
                    }
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn(COPY, new StringReader(rows.toString()));
                int changed;
                try (Statement s = c.createStatement()) {
                    changed = s.executeUpdate(MERGE);
                }
                c.commit();
                table.rememberKeys(resolved);
                return changed;
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            int rows = barsBySeries.values().stream().mapToInt(List::size).sum();
            throw new BarStoreException("Could not upsert " + rows + " bars into " + BarTable.describe(barsBySeries)
                    + ": " + e.getMessage(), e);
        }
    }

    /** One upsert may not touch a row twice on PostgreSQL; SQLite keeps the last, and so does this. */
    private static Iterable<Bar> lastPerStart(List<Bar> bars) {
        Map<Long, Bar> byStart = new LinkedHashMap<>(bars.size() * 2);
        for (Bar bar : bars) {
            byStart.put(bar.startMillis(), bar);
        }
        return byStart.size() == bars.size() ? bars : byStart.values();
    }

    private static void append(StringBuilder rows, long key, Bar bar) {
        rows.append(key).append('\t').append(bar.startMillis()).append('\t')
                .append(bar.open()).append('\t').append(bar.high()).append('\t').append(bar.low()).append('\t')
                .append(bar.close()).append('\t').append(bar.volume()).append('\t').append(bar.isFinal() ? 1 : 0)
                .append('\n');
    }

    /** The key of {@code series}, creating its row inside the running transaction when it is new. */
    private long keyOf(Connection c, SeriesId series, Map<SeriesId, Long> resolved) throws SQLException {
        Long key = table.cachedKey(series);
        if (key == null) {
            key = resolved.get(series);
        }
        if (key != null) {
            return key;
        }
        try (PreparedStatement insert = c.prepareStatement(BarTable.INSERT_SERIES)) {
            insert.setString(1, series.symbol().value());
            insert.setString(2, series.timeframe().code());
            insert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(BarTable.SELECT_SERIES)) {
            select.setString(1, series.symbol().value());
            select.setString(2, series.timeframe().code());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                key = rs.getLong(1);
            }
        }
        resolved.put(series, key);
        return key;
    }
}
