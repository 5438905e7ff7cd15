package io.candlekeep.app.forecast;

import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.SeriesId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order in which one run looks at the tracked series: highest priority first; among equals, a series never
 * forecast, then the one whose last forecast is oldest, so that a run that stops at its budget leaves the others
 * first in line for the next.
 */
final class ForecastQueue {

    private ForecastQueue() {
    }

    /**
     * A tracked series that may be due.
     *
     * @param source the strongest interest in its symbol, which decides how many new bars it waits for
     * @param lastMadeAt when its newest forecast was made; empty if never
     */
    record Candidate(SeriesId series, InterestSource source, int priority, Optional<Instant> lastMadeAt) {
        Candidate {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(lastMadeAt, "lastMadeAt");
        }
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::priority).reversed()
            .thenComparing(c -> c.lastMadeAt().orElse(Instant.MIN))
            .thenComparing(c -> c.series().toString());

    static List<Candidate> inOrder(Collection<Candidate> candidates) {
        return candidates.stream().sorted(ORDER).toList();
    }
}
