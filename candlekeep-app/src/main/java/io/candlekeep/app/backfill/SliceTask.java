package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import java.io.Serializable;
import java.time.Instant;

/**
 * The durable data of one slice execution: which series, which plan, which range, which attempt, and how many
 * runs in a row the provider rate-limited. Its instance id ({@link #instanceId()}) is derived from the series and
 * range, so the same slice cannot be queued twice. Data serialised before {@code rateLimits} existed reads back
 * with 0 there.
 */
record SliceTask(String series, long jobSeq, long startMs, long endMs, int attempt, int rateLimits)
        implements Serializable {

    static SliceTask of(SeriesId series, long jobSeq, TimeRange range) {
        return new SliceTask(series.toString(), jobSeq, range.startInclusive().toEpochMilli(),
                range.endExclusive().toEpochMilli(), 1, 0);
    }

    SeriesId seriesId() {
        return SeriesId.parse(series);
    }

    TimeRange range() {
        return TimeRange.of(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs));
    }

    String instanceId() {
        return instanceIdPrefix(seriesId()) + startMs + "-" + endMs;
    }

    static String instanceIdPrefix(SeriesId series) {
        return series + "@";
    }

    SliceTask nextAttempt() {
        return new SliceTask(series, jobSeq, startMs, endMs, attempt + 1, 0);
    }

    /** The same attempt once more, after one more rate limit in a row. */
    SliceTask rateLimited() {
        return new SliceTask(series, jobSeq, startMs, endMs, attempt, rateLimits + 1);
    }
}
