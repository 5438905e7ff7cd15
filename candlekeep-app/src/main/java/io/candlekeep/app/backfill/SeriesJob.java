package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The backfill job of one fetched series and the progress of its current plan.
 *
 * @param beyondReachBefore history older than this is past what the provider serves; not a gap
 * @param derived coarser timeframes built from this series (4h from 1h)
 */
public record SeriesJob(SeriesId series, long jobSeq, JobStatus status, String provider, Instant windowStart,
        Optional<Instant> beyondReachBefore, int slicesTotal, int slicesDone, int slicesFailed, long rowsWritten,
        Optional<Instant> lastSync, Optional<String> lastError, Set<Timeframe> derived) {
}
