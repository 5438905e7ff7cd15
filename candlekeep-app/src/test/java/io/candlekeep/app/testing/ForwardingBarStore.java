package io.candlekeep.app.testing;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.store.BarStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Passes every call on to a real store; a test overrides the calls it wants to watch, slow down or break. */
public class ForwardingBarStore implements BarStore {

    private final BarStore delegate;

    public ForwardingBarStore(BarStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public int upsert(SeriesId series, List<Bar> bars) {
        return delegate.upsert(series, bars);
    }

    @Override
    public int upsertAll(Map<SeriesId, List<Bar>> barsBySeries) {
        return delegate.upsertAll(barsBySeries);
    }

    @Override
    public BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit) {
        return delegate.read(series, startInclusive, endExclusive, limit);
    }

    @Override
    public Optional<SeriesStats> stats(SeriesId series) {
        return delegate.stats(series);
    }

    @Override
    public Map<SeriesId, SeriesStats> stats(Collection<SeriesId> series) {
        return delegate.stats(series);
    }

    @Override
    public int deleteBefore(SeriesId series, Instant cutoffExclusive) {
        return delegate.deleteBefore(series, cutoffExclusive);
    }

    @Override
    public List<SeriesId> seriesIds() {
        return delegate.seriesIds();
    }
}
