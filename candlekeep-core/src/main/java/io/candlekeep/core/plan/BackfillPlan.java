package io.candlekeep.core.plan;

import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of planning one series: fetch {@code fetchTimeframe} (the provider's source timeframe,
 * {@code 1h} for a {@code 4h} series on Yahoo) over {@code slices}, newest first, each one provider request.
 * {@code beyondReach} is the missing part older than the provider's lookback: it is not a gap to retry.
 */
public record BackfillPlan(Timeframe fetchTimeframe, List<TimeRange> slices, Optional<TimeRange> beyondReach) {

    public BackfillPlan {
        Objects.requireNonNull(fetchTimeframe, "fetchTimeframe");
        slices = List.copyOf(slices);
        Objects.requireNonNull(beyondReach, "beyondReach");
    }

    /** True when nothing needs fetching. */
    public boolean isEmpty() {
        return slices.isEmpty();
    }
}
