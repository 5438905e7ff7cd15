package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.SeriesId;

/** The stored history of {@code series} is stale as a whole and is to be fetched again. */
record RefetchRequested(SeriesId series) {
}
