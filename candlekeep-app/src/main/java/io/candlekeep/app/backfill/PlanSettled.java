package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;

/** A slice of {@code series}' plan finished and the plan was settled (closed when it was the last slice). */
record PlanSettled(SeriesId series) {
}
