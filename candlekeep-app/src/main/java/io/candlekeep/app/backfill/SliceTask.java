package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import java.io.Serializable;
import java.time.Instant;

/**
 * The durable data of one slice execution: which series, which plan, which range, which attempt.
 * Its instance id ({@link #instanceId()}) is derived from the series and range, so the same slice
 * cannot be queued twice.
 */
record SliceTask(String series, long jobSeq, long startMs, long endMs, int attempt) implements Serializable {

    static SliceTask of(SeriesId series, long jobSeq, TimeRange range) {
        return new SliceTask(series.toString(), jobSeq, range.startInclusive().toEpochMilli(),
                range.endExclusive().toEpochMilli(), 1);
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
        return new SliceTask(series, jobSeq, startMs, endMs, attempt + 1);
    }
}
