package io.candlekeep.app.store;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.store.BarStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The {@code series} and {@code bars} tables over JDBC, in SQL both vendors speak: reads, stats, trims, the series
 * list and series keys. Each vendor's store adds its own way of writing many rows fast.
 */
public final class BarTable {

    /** A final stored bar is never replaced by a non-final one; a row whose values do not change is left alone. */
    public static final String UPSERT_CONFLICT = """
             ON CONFLICT (series_id, start_ms) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, final = excluded.final
            WHERE (bars.final = 0 OR excluded.final = 1)
              AND (bars.open <> excluded.open OR bars.high <> excluded.high OR bars.low <> excluded.low
                   OR bars.close <> excluded.close OR bars.volume <> excluded.volume OR bars.final <> excluded.final)""";

    public static final String INSERT_SERIES = """
            INSERT INTO series (symbol, timeframe) VALUES (?, ?) ON CONFLICT (symbol, timeframe) DO NOTHING""";

    public static final String SELECT_SERIES = "SELECT id FROM series WHERE symbol = ? AND timeframe = ?";

    private static final String READ = """
            SELECT start_ms, open, high, low, close, volume, final FROM bars
            WHERE series_id = ? AND start_ms >= ? AND start_ms < ?
            ORDER BY start_ms DESC LIMIT ?""";

    private static final String STATS = "SELECT MIN(start_ms), MAX(start_ms), COUNT(*) FROM bars WHERE series_id = ?";

    /** The stats of every series of some symbols, in one statement: {@code %s} is one {@code ?} per symbol. */
    private static final String STATS_OF_SYMBOLS = """
            SELECT s.symbol, s.timeframe, MIN(b.start_ms), MAX(b.start_ms), COUNT(*)
              FROM series s JOIN bars b ON b.series_id = s.id
             WHERE s.symbol IN (%s)
             GROUP BY s.id, s.symbol, s.timeframe""";

    private final DataSource writer;
    private final DataSource reader;
    private final Map<SeriesId, Long> seriesKeys = new ConcurrentHashMap<>();

    public BarTable(DataSource writer, DataSource reader) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Bars in {@code [startInclusive, endExclusive)}, the newest {@code limit}. */
    public BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        Objects.requireNonNull(series, "series");
        long from = toMillis(Objects.requireNonNull(startInclusive, "startInclusive"));
        long to = toMillis(Objects.requireNonNull(endExclusive, "endExclusive"));
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit == 0 || from >= to) {
            return BarSeries.empty();
        }
        try (Connection c = reader.getConnection()) {
            Long key = findKey(c, series);
            if (key == null) {
                return BarSeries.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(READ)) {
                ps.setLong(1, key);
                ps.setLong(2, from);
                ps.setLong(3, to);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return readNewestFirst(rs);
                }
            }
        } catch (SQLException e) {
            throw new BarStoreException("Could not read " + series + " in [" + startInclusive + ", " + endExclusive
                    + ") limit " + limit + ": " + e.getMessage(), e);
        }
    }

    public Optional<BarStore.SeriesStats> stats(SeriesId series) {
        Objects.requireNonNull(series, "series");
        try (Connection c = reader.getConnection()) {
            Long key = findKey(c, series);
            if (key == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(STATS)) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long count = rs.getLong(3);
                    return count == 0 ? Optional.empty()
                            : Optional.of(new BarStore.SeriesStats(Instant.ofEpochMilli(rs.getLong(1)),
                                    Instant.ofEpochMilli(rs.getLong(2)), count));
                }
            }
        } catch (SQLException e) {
            throw new BarStoreException("Could not read the stats of " + series + ": " + e.getMessage(), e);
        }
    }

    /** Symbols one statement of {@link #stats(Collection)} names; more take one statement per this many. */
    static final int STATS_SYMBOLS_PER_STATEMENT = 500;

    /**
     * The stats of each of {@code series} that holds bars: one statement over their symbols (a symbol's other series
     * are read and left out), or one per {@value #STATS_SYMBOLS_PER_STATEMENT} symbols.
     */
    public Map<SeriesId, BarStore.SeriesStats> stats(Collection<SeriesId> series) {
        Set<SeriesId> wanted = Set.copyOf(Objects.requireNonNull(series, "series"));
        Map<SeriesId, BarStore.SeriesStats> result = new HashMap<>();
        List<String> symbols = wanted.stream().map(s -> s.symbol().value()).distinct().sorted().toList();
        for (int from = 0; from < symbols.size(); from += STATS_SYMBOLS_PER_STATEMENT) {
            List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + STATS_SYMBOLS_PER_STATEMENT));
            String sql = STATS_OF_SYMBOLS.formatted(String.join(", ", Collections.nCopies(chunk.size(), "?")));
            try (Connection c = reader.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SeriesId id = SeriesId.of(rs.getString(1), Timeframe.of(rs.getString(2)));
                        if (wanted.contains(id)) {
                            result.put(id, new BarStore.SeriesStats(Instant.ofEpochMilli(rs.getLong(3)),
                                    Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5)));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new BarStoreException("Could not read the stats of the series of " + chunk.size() + " symbols ("
                        + chunk.getFirst() + " ...): " + e.getMessage(), e);
            }
        }
        return result;
    }

    public int deleteBefore(SeriesId series, Instant cutoffExclusive) {
        Objects.requireNonNull(series, "series");
        try (Connection c = writer.getConnection()) {
            Long key = findKey(c, series);
            if (key == null) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bars WHERE series_id = ? AND start_ms < ?")) {
                ps.setLong(1, key);
                ps.setLong(2, cutoffExclusive.toEpochMilli());
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new BarStoreException("Could not trim " + series + " before " + cutoffExclusive + ": " + e.getMessage(), e);
        }
    }

    public List<SeriesId> seriesIds() {
        try (Connection c = reader.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe FROM series ORDER BY symbol, timeframe");
                ResultSet rs = ps.executeQuery()) {
            List<SeriesId> result = new ArrayList<>();
            while (rs.next()) {
                result.add(SeriesId.of(rs.getString(1), Timeframe.of(rs.getString(2))));
            }
            return result;
        } catch (SQLException e) {
            throw new BarStoreException("Could not list the stored series: " + e.getMessage(), e);
        }
    }

    /** The key of {@code series} once known to have committed; null when not cached. */
    public Long cachedKey(SeriesId series) {
        return seriesKeys.get(series);
    }

    /** Remembers keys of series whose rows committed; keys made by a transaction that rolled back must not enter. */
    public void rememberKeys(Map<SeriesId, Long> committed) {
        seriesKeys.putAll(committed);
    }

    private Long findKey(Connection c, SeriesId series) throws SQLException {
        Long key = seriesKeys.get(series);
        if (key != null) {
            return key;
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT_SERIES)) {
            ps.setString(1, series.symbol().value());
            ps.setString(2, series.timeframe().code());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                key = rs.getLong(1);
            }
        }
        seriesKeys.put(series, key);
        return key;
    }

    /** Reads rows newest first (so that LIMIT keeps the newest) and returns them oldest first. */
    private static BarSeries readNewestFirst(ResultSet rs) throws SQLException {
        int capacity = 256;
        long[] start = new long[capacity];
        double[] open = new double[capacity];
        double[] high = new double[capacity];
        double[] low = new double[capacity];
        double[] close = new double[capacity];
        double[] volume = new double[capacity];
        boolean[] fin = new boolean[capacity];
        int n = 0;
        while (rs.next()) {
            if (n == capacity) {
                capacity *= 2;
                start = Arrays.copyOf(start, capacity);
                open = Arrays.copyOf(open, capacity);
                high = Arrays.copyOf(high, capacity);
                low = Arrays.copyOf(low, capacity);
                close = Arrays.copyOf(close, capacity);
                volume = Arrays.copyOf(volume, capacity);
                fin = Arrays.copyOf(fin, capacity);
            }
            start[n] = rs.getLong(1);
            open[n] = rs.getDouble(2);
            high[n] = rs.getDouble(3);
            low[n] = rs.getDouble(4);
            close[n] = rs.getDouble(5);
            volume[n] = rs.getDouble(6);
            fin[n] = rs.getInt(7) != 0;
            n++;
        }
        if (n == 0) {
            return BarSeries.empty();
        }
        BarSeries.Builder b = BarSeries.builder(n);
        for (int i = n - 1; i >= 0; i--) {
            b.add(start[i], open[i], high[i], low[i], close[i], volume[i], fin[i]);
        }
        return b.build();
    }

    /** Epoch millis, clamped so that {@code Instant.MIN} and {@code Instant.MAX} work as open range ends. */
    public static long toMillis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    public static String describe(Map<SeriesId, List<Bar>> barsBySeries) {
        return barsBySeries.size() == 1 ? barsBySeries.keySet().iterator().next().toString()
                : barsBySeries.size() + " series";
    }
}
