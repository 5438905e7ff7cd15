package io.candlekeep.app.store.postgres;

import io.candlekeep.app.store.BarStoreException;
import io.candlekeep.app.store.BarTable;
import io.candlekeep.app.store.JdbcBarStore;
import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link BarStore} on PostgreSQL. A write sends its rows as eight arrays (one per column, in binary) to one
 * {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT}, one statement and one commit, which upserts them under the
 * same rule as SQLite (a final bar is never replaced by a forming one; unchanged rows are not counted). Rows repeating
 * a start within one call follow the same rule, in their order ({@link BarSeries#ofWrites}). A series seen for the
 * first time gets its row in the same transaction.
 *
 * <p>Most writes are history nobody stored yet (a backfill slice). Those skip {@code ON CONFLICT}, whose speculative
 * insertion costs a third more WAL and about 1.5 times the time: the write is first tried as a plain {@code INSERT}
 * that inserts all its rows only when no stored bar falls in the call's range of any of its series (one index probe,
 * evaluated once), and nothing otherwise; then the upsert runs. Another writer storing one of those bars between the
 * probe and the insert makes the insert fail as a whole (unique violation), and the upsert runs too.
 *
 * <p>Why not {@code COPY}: it needs a staging table (created, truncated at each commit) and a second statement to
 * upsert from it, three round trips in all; binary {@code COPY} straight into {@code bars} was no faster than the
 * plain insert here. The largest cost was elsewhere: the foreign key to {@code series}, checked row by row, which
 * migration V14 replaces by a check per statement (docs/PERFORMANCE.md, "PostgreSQL upsert throughput").
 */
public final class PostgresBarStore extends JdbcBarStore {

    private static final String INSERT = """
            INSERT INTO bars (series_id, start_ms, open, high, low, close, volume, final)
            SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                                 ?::float8[], ?::integer[])""";

    private static final String UPSERT = INSERT + BarTable.UPSERT_CONFLICT;

    /**
     * All the rows, or none when a stored bar falls in [first, last] of its series. The probe is one primary-key
     * lookup per series (LATERAL ... LIMIT 1): a plain join let the planner hash all of {@code bars}, a cost that grew
     * with the table.
     */
    private static final String INSERT_NEW = INSERT + """

             WHERE NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS r (series_id, first_ms, last_ms)
                               CROSS JOIN LATERAL (SELECT 1 FROM bars b
                                                    WHERE b.series_id = r.series_id
                                                      AND b.start_ms BETWEEN r.first_ms AND r.last_ms
                                                    LIMIT 1) AS stored)""";

    private static final String UNIQUE_VIOLATION = "23505";


    public PostgresBarStore(DataSource writer, DataSource reader) {
        super(writer, reader);
    }

    @Override
    protected int write(Map<SeriesId, List<Bar>> barsBySeries) {
        try (Connection c = writer.getConnection()) {
            // a series seen for the first time gets its row in the same transaction as its bars: one commit
            boolean newSeries = barsBySeries.entrySet().stream()
                    .anyMatch(e -> !e.getValue().isEmpty() && table.cachedKey(e.getKey()) == null);
            if (!newSeries) {
                return write(c, barsBySeries, new HashMap<>());
            }
            c.setAutoCommit(false);
            try {
                Map<SeriesId, Long> made = new HashMap<>();
                int changed = write(c, barsBySeries, made);
                c.commit();
                table.rememberKeys(made);
                return changed;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            int rows = barsBySeries.values().stream().mapToInt(List::size).sum();
            throw new BarStoreException("Could not upsert " + rows + " bars into " + BarTable.describe(barsBySeries)
                    + ": " + e.getMessage(), e);
        }
    }

    /** The insert, or the upsert when a bar in the call's range is stored; keys of new series go into {@code made}. */
    private int write(Connection c, Map<SeriesId, List<Bar>> barsBySeries, Map<SeriesId, Long> made)
            throws SQLException {
        Columns rows = new Columns(barsBySeries.values().stream().mapToInt(List::size).sum());
        Ranges ranges = new Ranges(barsBySeries.size());
        for (Map.Entry<SeriesId, List<Bar>> e : barsBySeries.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            long key = keyOf(c, Objects.requireNonNull(e.getKey(), "series"), made);
            // one upsert may not touch a row twice: of bars sharing a start, the one the store's rule keeps
            BarSeries bars = BarSeries.ofWrites(e.getValue());
            rows.add(key, bars);
            ranges.add(key, bars.startMillis(0), bars.startMillis(bars.size() - 1));
        }
        // inside a transaction a failed statement would abort it: the savepoint keeps it going
        Savepoint beforeInsert = c.getAutoCommit() ? null : c.setSavepoint();
        try (PreparedStatement insert = c.prepareStatement(INSERT_NEW)) {
            rows.bind(insert);
            ranges.bind(insert, 9);
            int inserted = insert.executeUpdate();
            if (inserted > 0) {
                return inserted;
            }
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // another writer stored one of these bars since the probe; nothing of this insert remains
            if (beforeInsert != null) {
                c.rollback(beforeInsert);
            }
        }
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            rows.bind(upsert);
            return upsert.executeUpdate();
        }
    }

    /** Per series of one write, the first and last start it writes. */
    private static final class Ranges {
        private final long[] series;
        private final long[] first;
        private final long[] last;
        private int size;

        Ranges(int capacity) {
            series = new long[capacity];
            first = new long[capacity];
            last = new long[capacity];
        }

        void add(long key, long firstStart, long lastStart) {
            series[size] = key;
            first[size] = firstStart;
            last[size] = lastStart;
            size++;
        }

        void bind(PreparedStatement ps, int firstIndex) throws SQLException {
            ps.setObject(firstIndex, Arrays.copyOf(series, size));
            ps.setObject(firstIndex + 1, Arrays.copyOf(first, size));
            ps.setObject(firstIndex + 2, Arrays.copyOf(last, size));
        }
    }

    /** The rows of one write as one primitive array per column, sent as arrays. */
    private static final class Columns {
        private final long[] series;
        private final long[] start;
        private final double[] open;
        private final double[] high;
        private final double[] low;
        private final double[] close;
        private final double[] volume;
        private final int[] isFinal;
        private int size;

        Columns(int capacity) {
            series = new long[capacity];
            start = new long[capacity];
            open = new double[capacity];
            high = new double[capacity];
            low = new double[capacity];
            close = new double[capacity];
            volume = new double[capacity];
            isFinal = new int[capacity];
        }

        void add(long key, BarSeries bars) {
            for (int i = 0; i < bars.size(); i++, size++) {
                series[size] = key;
                start[size] = bars.startMillis(i);
                open[size] = bars.open(i);
                high[size] = bars.high(i);
                low[size] = bars.low(i);
                close[size] = bars.close(i);
                volume[size] = bars.volume(i);
                isFinal[size] = bars.isFinal(i) ? 1 : 0;
            }
        }

        void bind(PreparedStatement ps) throws SQLException {
            // pgjdbc sends primitive arrays in binary: no number is printed or parsed on the way; rows a repeated
            // start dropped leave the arrays longer than size
            boolean full = size == series.length;
            ps.setObject(1, full ? series : Arrays.copyOf(series, size));
            ps.setObject(2, full ? start : Arrays.copyOf(start, size));
            ps.setObject(3, full ? open : Arrays.copyOf(open, size));
            ps.setObject(4, full ? high : Arrays.copyOf(high, size));
            ps.setObject(5, full ? low : Arrays.copyOf(low, size));
            ps.setObject(6, full ? close : Arrays.copyOf(close, size));
            ps.setObject(7, full ? volume : Arrays.copyOf(volume, size));
            ps.setObject(8, full ? isFinal : Arrays.copyOf(isFinal, size));
        }
    }

    /** The key of {@code series}; a new one is made in the running transaction and goes into {@code made}. */
    private long keyOf(Connection c, SeriesId series, Map<SeriesId, Long> made) throws SQLException {
        Long key = table.cachedKey(series);
        if (key == null) {
            key = made.get(series);
        }
        if (key != null) {
            return key;
        }
        try (PreparedStatement insert = c.prepareStatement(BarTable.INSERT_SERIES + " RETURNING id")) {
            insert.setString(1, series.symbol().value());
            insert.setString(2, series.timeframe().code());
            try (ResultSet rs = insert.executeQuery()) {
                key = rs.next() ? rs.getLong(1) : null;
            }
        }
        if (key == null) {
            // another writer made it first
            try (PreparedStatement select = c.prepareStatement(BarTable.SELECT_SERIES)) {
                select.setString(1, series.symbol().value());
                select.setString(2, series.timeframe().code());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    key = rs.getLong(1);
                }
            }
        }
        made.put(series, key);
        return key;
    }
}
