package io.candlekeep.app.store.sqlite;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;

/**
 * {@link BarStore} on one SQLite file. Every call writes in one transaction on the writer pool; reads use the
 * reader pool and never wait for a writer.
 *
 * <p>Rows are sent as multi-row {@code INSERT ... VALUES (...), (...)} statements, prepared once per writer
 * connection: sqlite-jdbc pays JNI round trips and SQLite a VDBE start per statement execution, and
 * {@link #DEFAULT_ROWS_PER_STATEMENT} rows per statement measured about 1.6 times the CPU throughput of
 * {@code executeBatch} of single-row statements (see {@code StoreUpsertBenchmark}).
 */
public final class SqliteBarStore extends JdbcBarStore {

    /** Rows per INSERT statement, picked with {@code StoreUpsertBenchmark}; it also divides a 1000-kline slice. */
    public static final int DEFAULT_ROWS_PER_STATEMENT = 250;

    /** SQLite's default limit on bound parameters is 32766; 8 per row leaves room to spare. */
    public static final int MAX_ROWS_PER_STATEMENT = 1000;

    private static final String INSERT_PREFIX = """
            INSERT INTO bars (series_id, start_ms, open, high, low, close, volume, final) VALUES\s""";

    private static final String UPSERT_SUFFIX = BarTable.UPSERT_CONFLICT;
    private static final String INSERT_SERIES = BarTable.INSERT_SERIES;
    private static final String SELECT_SERIES = BarTable.SELECT_SERIES;

    private final int rowsPerStatement;
    private final String fullStatementSql;
    private final Map<Connection, WriteStatements> writeStatements = new ConcurrentHashMap<>();

    public SqliteBarStore(DataSource writer, DataSource reader) {
        this(writer, reader, DEFAULT_ROWS_PER_STATEMENT);
    }

    /**
     * @param rowsPerStatement rows packed into one INSERT statement; {@code 1} sends single-row statements
     *     through {@code executeBatch} instead (kept for the benchmark that compares both)
     */
    public SqliteBarStore(DataSource writer, DataSource reader, int rowsPerStatement) {
        super(writer, reader);
        if (rowsPerStatement < 1 || rowsPerStatement > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException("rowsPerStatement must be between 1 and " + MAX_ROWS_PER_STATEMENT
                    + ", got " + rowsPerStatement);
        }
        this.rowsPerStatement = rowsPerStatement;
        this.fullStatementSql = upsertSql(rowsPerStatement);
    }

    public int rowsPerStatement() {
        return rowsPerStatement;
    }

    @Override
    protected int write(Map<SeriesId, List<Bar>> barsBySeries) {
        // Keys of series created in this transaction become visible to other calls only after it commits.
        Map<SeriesId, Long> resolved = new HashMap<>();
        try (Connection c = writer.getConnection()) {
            WriteStatements statements = statementsFor(c);
            c.setAutoCommit(false);
            try {
                int changed = rowsPerStatement == 1
                        ? writeBatched(statements, barsBySeries, resolved)
                        : writeMultiRow(statements, barsBySeries, resolved);
                c.commit();
                table.rememberKeys(resolved);
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
            throw new BarStoreException("Could not upsert " + rows + " bars into " + BarTable.describe(barsBySeries) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The prepared statements of the physical connection behind {@code pooled}. Preparing a 128-row upsert costs
     * SQLite a good part of what executing it costs, so statements live as long as their connection, which the
     * writer pool keeps for the life of the app. The pool lends a connection, and so its statements, to one
     * thread at a time.
     */
    private WriteStatements statementsFor(Connection pooled) throws SQLException {
        Connection physical = pooled.isWrapperFor(SQLiteConnection.class) ? pooled.unwrap(SQLiteConnection.class)
                : pooled;
        if (!writeStatements.containsKey(physical)) {
            writeStatements.keySet().removeIf(SqliteBarStore::isClosedQuietly);
        }
        return writeStatements.computeIfAbsent(physical, WriteStatements::new);
    }

    private static boolean isClosedQuietly(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private int writeMultiRow(WriteStatements statements, Map<SeriesId, List<Bar>> barsBySeries,
            Map<SeriesId, Long> resolved) throws SQLException {
        // Rows of several series share statements. What is left after the last full statement goes out in
        // power-of-two sizes, so that a handful of prepared statements serve every call.
        int remaining = barsBySeries.values().stream().mapToInt(List::size).sum();
        int changed = 0;
        int inStatement = 0;
        int statementRows = 0;
        PreparedStatement ps = null;
        for (Map.Entry<SeriesId, List<Bar>> e : barsBySeries.entrySet()) {
            List<Bar> bars = e.getValue();
            if (bars.isEmpty()) {
                continue;
            }
            long key = statements.keyOf(Objects.requireNonNull(e.getKey(), "series"), resolved);
            for (Bar bar : bars) {
                if (inStatement == 0) {
                    statementRows = remaining >= rowsPerStatement ? rowsPerStatement
                            : Integer.highestOneBit(remaining);
                    ps = statements.upsert(statementRows);
                }
                bind(ps, inStatement * 8, key, bar);
                inStatement++;
                remaining--;
                if (inStatement == statementRows) {
                    changed += ps.executeUpdate();
                    inStatement = 0;
                }
            }
        }
        return changed;
    }

    private int writeBatched(WriteStatements statements, Map<SeriesId, List<Bar>> barsBySeries,
            Map<SeriesId, Long> resolved) throws SQLException {
        int changed = 0;
        PreparedStatement ps = statements.upsert(1);
        for (Map.Entry<SeriesId, List<Bar>> e : barsBySeries.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            long key = statements.keyOf(Objects.requireNonNull(e.getKey(), "series"), resolved);
            try {
                for (Bar bar : e.getValue()) {
                    bind(ps, 0, key, bar);
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    changed += Math.max(n, 0);
                }
            } finally {
                ps.clearBatch();
            }
        }
        return changed;
    }

    private static void bind(PreparedStatement ps, int offset, long seriesKey, Bar bar) throws SQLException {
        ps.setLong(offset + 1, seriesKey);
        ps.setLong(offset + 2, bar.startMillis());
        ps.setDouble(offset + 3, bar.open());
        ps.setDouble(offset + 4, bar.high());
        ps.setDouble(offset + 5, bar.low());
        ps.setDouble(offset + 6, bar.close());
        ps.setDouble(offset + 7, bar.volume());
        ps.setInt(offset + 8, bar.isFinal() ? 1 : 0);
    }

    private static String upsertSql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_PREFIX.length() + rows * 18 + UPSERT_SUFFIX.length());
        sql.append(INSERT_PREFIX);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?)");
        }
        return sql.append(UPSERT_SUFFIX).toString();
    }

    /** Prepared write statements of one physical connection. */
    private final class WriteStatements {
        private final Connection c;
        private final Map<Integer, PreparedStatement> upserts = new HashMap<>();
        private PreparedStatement insertSeries;
        private PreparedStatement selectSeries;

        WriteStatements(Connection c) {
            this.c = c;
        }

        PreparedStatement upsert(int rows) throws SQLException {
            PreparedStatement ps = upserts.get(rows);
            if (ps == null) {
                ps = c.prepareStatement(rows == rowsPerStatement ? fullStatementSql : upsertSql(rows));
                upserts.put(rows, ps);
            }
            return ps;
        }

        /** The key of {@code series}, creating its row inside the running transaction when it is new. */
        long keyOf(SeriesId series, Map<SeriesId, Long> resolved) throws SQLException {
            Long key = table.cachedKey(series);
            if (key == null) {
                key = resolved.get(series);
            }
            if (key != null) {
                return key;
            }
            if (insertSeries == null) {
                insertSeries = c.prepareStatement(INSERT_SERIES);
                selectSeries = c.prepareStatement(SELECT_SERIES);
            }
            insertSeries.setString(1, series.symbol().value());
            insertSeries.setString(2, series.timeframe().code());
            insertSeries.executeUpdate();
            selectSeries.setString(1, series.symbol().value());
            selectSeries.setString(2, series.timeframe().code());
            try (ResultSet rs = selectSeries.executeQuery()) {
                rs.next();
                key = rs.getLong(1);
            }
            resolved.put(series, key);
            return key;
        }
    }
}
