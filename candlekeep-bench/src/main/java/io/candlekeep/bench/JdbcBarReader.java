package io.candlekeep.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;

/**
 * The baseline the service's read path is compared with: its own read-only connection to the service's database
 * (sqlite-jdbc to its file, or pgjdbc to its PostgreSQL database) and one prepared query that reads a series from a
 * start into primitive arrays, as a straightforward JDBC service would, with no cache in front.
 */
final class JdbcBarReader implements AutoCloseable {

    private static final String QUERY = """
            SELECT b.start_ms, b.open, b.high, b.low, b.close, b.volume, b.final
              FROM bars b JOIN series s ON s.id = b.series_id
             WHERE s.symbol = ? AND s.timeframe = ? AND b.start_ms >= ?
             ORDER BY b.start_ms""";

    /** The rows of one read; only the first {@code size} entries of each array are used. */
    record Rows(int size, long[] start, double[] open, double[] high, double[] low, double[] close, double[] volume,
            boolean[] isFinal) {
    }

    private final Connection connection;
    private final PreparedStatement statement;

    /** @param dbUrl a {@code jdbc:sqlite:} file or a {@code jdbc:postgresql:} database ({@link RunningService#dbUrl()}) */
    JdbcBarReader(String dbUrl) throws SQLException {
        if (dbUrl.startsWith("jdbc:sqlite:")) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            this.connection = config.createConnection(dbUrl);
        } else {
            this.connection = DriverManager.getConnection(dbUrl);
            connection.setReadOnly(true);
        }
        // pgjdbc prepares on the server from the fifth execution on, as the service's own statements
        this.statement = connection.prepareStatement(QUERY);
    }

    Rows read(String symbol, String timeframe, long fromMillisInclusive) throws SQLException {
        statement.setString(1, symbol);
        statement.setString(2, timeframe);
        statement.setLong(3, fromMillisInclusive);
        int capacity = 256;
        long[] start = new long[capacity];
        double[] open = new double[capacity];
        double[] high = new double[capacity];
        double[] low = new double[capacity];
        double[] close = new double[capacity];
        double[] volume = new double[capacity];
        boolean[] isFinal = new boolean[capacity];
        int n = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (n == capacity) {
                    capacity *= 2;
                    start = Arrays.copyOf(start, capacity);
                    open = Arrays.copyOf(open, capacity);
                    high = Arrays.copyOf(high, capacity);
                    low = Arrays.copyOf(low, capacity);
                    close = Arrays.copyOf(close, capacity);
                    volume = Arrays.copyOf(volume, capacity);
                    isFinal = Arrays.copyOf(isFinal, capacity);
                }
                start[n] = rs.getLong(1);
                open[n] = rs.getDouble(2);
                high[n] = rs.getDouble(3);
                low[n] = rs.getDouble(4);
                close[n] = rs.getDouble(5);
                volume[n] = rs.getDouble(6);
                isFinal[n] = rs.getInt(7) != 0;
                n++;
            }
        }
        return new Rows(n, start, open, high, low, close, volume, isFinal);
    }

    /**
     * The rows as the service's {@code format=json} body, written the same way (one buffer, no object mapping),
     * so that HTTP+JDBC and HTTP+cache differ only in where the rows come from. The benchmark checks the bytes
     * are equal to the service's answer before it measures.
     */
    static byte[] json(String symbol, String timeframe, Rows rows) {
        StringBuilder sb = new StringBuilder(64 + rows.size() * 150);
        sb.append("{\"symbol\":\"").append(symbol).append("\",\"timeframe\":\"").append(timeframe)
                .append("\",\"count\":").append(rows.size()).append(",\"bars\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"start\":\"").append(Instant.ofEpochMilli(rows.start()[i]));
            sb.append("\",\"open\":");
            number(sb, rows.open()[i]);
            sb.append(",\"high\":");
            number(sb, rows.high()[i]);
            sb.append(",\"low\":");
            number(sb, rows.low()[i]);
            sb.append(",\"close\":");
            number(sb, rows.close()[i]);
            sb.append(",\"volume\":");
            number(sb, rows.volume()[i]);
            sb.append(",\"final\":").append(rows.isFinal()[i]).append('}');
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void number(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
        connection.close();
    }
}
