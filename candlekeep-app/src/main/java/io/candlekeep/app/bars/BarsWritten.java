package io.candlekeep.app.bars;

import io.candlekeep.core.domain.SeriesId;
import java.util.Collection;
import java.util.Set;

/** This instance wrote (or trimmed) bars of {@code series}, or tried to and does not know whether it committed. */
public record BarsWritten(Set<SeriesId> series) {

    public BarsWritten(Collection<SeriesId> series) {
        this(Set.copyOf(series));
    }
}
