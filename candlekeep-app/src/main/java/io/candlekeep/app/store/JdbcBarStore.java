package io.candlekeep.app.store;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the SQLite and PostgreSQL stores share: argument checks, and reads, stats, trims and the series list through
 * {@link BarTable}. A vendor's store only says how it writes many rows fast ({@link #write}).
 */
public abstract class JdbcBarStore implements BarStore {

    protected final DataSource writer;
    protected final BarTable table;

    protected JdbcBarStore(DataSource writer, DataSource reader) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.table = new BarTable(writer, reader);
    }

    /** Writes every non-empty list in one transaction; answers how many rows were inserted or changed. */
    protected abstract int write(Map<SeriesId, List<Bar>> barsBySeries);

    @Override
    public final int upsert(SeriesId series, List<Bar> bars) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(bars, "bars");
        return bars.isEmpty() ? 0 : write(Map.of(series, bars));
    }

    @Override
    public final int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
        Objects.requireNonNull(barsBySeries, "barsBySeries");
        return barsBySeries.values().stream().allMatch(List::isEmpty) ? 0 : write(barsBySeries);
    }

    @Override
    public final BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        return table.read(series, startInclusive, endExclusive, limit);
    }

    @Override
    public final Optional<SeriesStats> stats(SeriesId series) {
        return table.stats(series);
    }

    @Override
    public final Map<SeriesId, SeriesStats> stats(Collection<SeriesId> series) {
        return table.stats(series);
    }

    @Override
    public final int deleteBefore(SeriesId series, Instant cutoffExclusive) {
        return table.deleteBefore(series, cutoffExclusive);
    }

    @Override
    public final List<SeriesId> seriesIds() {
        return table.seriesIds();
    }
}
