package io.candlekeep.core.store;

import io.candlekeep.core.domain.Bar;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where bars are kept. Writes are idempotent upserts keyed by (series, start). */
public interface BarStore {

    /**
     * Inserts or replaces bars by start. A final stored bar is never replaced by a non-final one; an
     * empty list changes nothing. Returns how many rows were inserted or changed.
     */
    int upsert(SeriesId series, List<Bar> bars);

    /** Several series in one transaction. */
    int upsertAll(Map<SeriesId, List<Bar>> barsBySeries);

    /** Bars starting in {@code [startInclusive, endExclusive)}; the newest {@code limit} when more match. */
    BarSeries read(SeriesId series, Instant startInclusive, Instant endExclusive, int limit);

    /** Removes the bars of {@code series} starting before {@code cutoffExclusive}; answers how many. */
    int deleteBefore(SeriesId series, Instant cutoffExclusive);

    /** Every series that has (or had) stored bars. */
    List<SeriesId> seriesIds();

    /** First and last start and the count, or empty when nothing is stored. */
    Optional<SeriesStats> stats(SeriesId series);

    /**
     * {@link #stats(SeriesId)} of each of {@code series}; a series with nothing stored is absent. A store over a
     * database answers them all in one query, so that a list of many series costs one round trip.
     */
    default Map<SeriesId, SeriesStats> stats(Collection<SeriesId> series) {
        Map<SeriesId, SeriesStats> result = new LinkedHashMap<>();
        for (SeriesId id : series) {
            stats(id).ifPresent(s -> result.put(id, s));
        }
        return result;
    }

    /** What a series holds. */
    record SeriesStats(Instant first, Instant last, long count) {
    }
}
