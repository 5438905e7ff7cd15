package io.candlekeep.app.tracking;

import java.time.Instant;
import java.util.List;

/**
 * What one series holds against what its calendar expects over its window.
 *
 * @param fetchedAs the timeframe fetched from the provider to build this one (1h for 4h on Yahoo)
 * @param missingBars bars the calendar expects in the window that are not stored; null unless gaps were asked for
 * @param gaps the missing runs of bars in the window, oldest first; null unless asked for
 * @param beyondReachBefore history before this is older than the provider serves: not a gap
 * @param providers which provider wrote the stored bars of each range last, oldest first; null unless the coverage
 *                  of one symbol was asked for
 */
public record SeriesCoverage(String timeframe, boolean tracked, String fetchedAs, long bars, Instant first, Instant last,
        Instant windowStart, Long expectedBars, Long missingBars, List<Gap> gaps, Instant beyondReachBefore,
        Instant lastSync, String jobStatus, Integer slicesDone, Integer slicesFailed, Integer slicesTotal,
        String lastError, List<Hole> knownHoles, List<Source> providers) {

    /**
     * The stored bars in {@code [start, end)} that {@code provider} wrote last ({@code bars} of them): Yahoo's, or
     * Stooq's where it stood in for Yahoo.
     */
    public record Source(String provider, Instant start, Instant end, long bars) {
    }

    /** A range the provider answered empty; asked for again at {@code nextRetry}. */
    public record Hole(Instant start, Instant end, int attempts, Instant nextRetry) {
    }

    /** A run of {@code bars} consecutive expected bars that are not stored, {@code [start, end)}. */
    public record Gap(Instant start, Instant end, int bars) {
    }

    /** A copy with {@code gaps} and the bars they miss. */
    public SeriesCoverage withGaps(List<Gap> gaps) {
        long missing = gaps.stream().mapToLong(Gap::bars).sum();
        return new SeriesCoverage(timeframe, tracked, fetchedAs, bars, first, last, windowStart, expectedBars, missing,
                List.copyOf(gaps), beyondReachBefore, lastSync, jobStatus, slicesDone, slicesFailed, slicesTotal,
                lastError, knownHoles, providers);
    }

    /** A copy with the {@code providers} of its ranges. */
    public SeriesCoverage withProviders(List<Source> providers) {
        return new SeriesCoverage(timeframe, tracked, fetchedAs, bars, first, last, windowStart, expectedBars,
                missingBars, gaps, beyondReachBefore, lastSync, jobStatus, slicesDone, slicesFailed, slicesTotal,
                lastError, knownHoles, List.copyOf(providers));
    }
}
