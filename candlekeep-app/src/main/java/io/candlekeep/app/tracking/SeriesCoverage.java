package io.candlekeep.app.tracking;

import java.time.Instant;
import java.util.List;

/**
 * What one series holds against what its calendar expects over its window.
 *
 * @param fetchedAs the timeframe fetched from the provider to build this one (1h for 4h on Yahoo)
 * @param beyondReachBefore history before this is older than the provider serves: not a gap
 */
public record SeriesCoverage(String timeframe, boolean tracked, String fetchedAs, long bars, Instant first, Instant last,
        Instant windowStart, Long expectedBars, Instant beyondReachBefore, Instant lastSync, String jobStatus,
        Integer slicesDone, Integer slicesFailed, Integer slicesTotal, String lastError, List<Hole> knownHoles) {

    /** A range the provider answered empty; asked for again at {@code nextRetry}. */
    public record Hole(Instant start, Instant end, int attempts, Instant nextRetry) {
    }
}
