package io.candlekeep.app.bars;

import io.candlekeep.core.domain.SeriesId;
import java.util.Collection;
import java.util.Set;

/** Another instance wrote bars of {@code series} (on PostgreSQL, told through {@code bars_written}); their cached copies here are gone. */
public record BarsWrittenElsewhere(Set<SeriesId> series) {

    public BarsWrittenElsewhere(Collection<SeriesId> series) {
        this(Set.copyOf(series));
    }
}
