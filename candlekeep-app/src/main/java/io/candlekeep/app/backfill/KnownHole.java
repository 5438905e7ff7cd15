package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.TimeRange;
import java.time.Instant;

/** A range the provider answered empty although the calendar expects bars there. */
public record KnownHole(TimeRange range, int attempts, Instant nextRetry, Instant firstSeen) {
}
