package io.candlekeep.core.retention;

import io.candlekeep.core.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long each timeframe is kept (DESIGN §6 rule 7). Defaults: 15m 60 days, 1h 2 years, 4h 5 years,
 * 1d unlimited. A series is never trimmed inside its backfill window, and a finer series is never
 * trimmed below a coarser bar that is still forming from it.
 */
public record RetentionPolicy(Map<Timeframe, Duration> retention) {

    public RetentionPolicy {
        retention = Map.copyOf(retention);
        retention.forEach((tf, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention of " + tf + " must be > 0 but was " + d);
            }
        });
    }

    public static RetentionPolicy defaults() {
        Map<Timeframe, Duration> m = new EnumMap<>(Timeframe.class);
        m.put(Timeframe.M15, Duration.ofDays(60));
        m.put(Timeframe.H1, Duration.ofDays(730));
        m.put(Timeframe.H4, Duration.ofDays(1825));
        return new RetentionPolicy(m);
    }

    /** The same policy with {@code timeframe} kept for {@code duration} (null: unlimited). */
    public RetentionPolicy with(Timeframe timeframe, Duration duration) {
        Map<Timeframe, Duration> m = new EnumMap<>(Timeframe.class);
        m.putAll(retention);
        if (duration == null) {
            m.remove(timeframe);
        } else {
            m.put(timeframe, duration);
        }
        return new RetentionPolicy(m);
    }

    /**
     * Bars of {@code timeframe} starting before the answer may be removed; empty when nothing may.
     *
     * @param backfillWindow the series' effective backfill window (for 1h, as far back as 4h needs)
     * @param oldestDependentNonFinal the start of the oldest not-final bar derived from this series, if any
     */
    public Optional<Instant> cutoff(Timeframe timeframe, Duration backfillWindow, Instant now,
            Optional<Instant> oldestDependentNonFinal) {
        Duration keep = retention.get(timeframe);
        if (keep == null) {
            return Optional.empty();
        }
        if (keep.compareTo(backfillWindow) < 0) {
            keep = backfillWindow;
        }
        Instant cutoff = now.minus(keep);
        if (oldestDependentNonFinal.isPresent() && oldestDependentNonFinal.get().isBefore(cutoff)) {
            cutoff = oldestDependentNonFinal.get();
        }
        return Optional.of(cutoff);
    }
}
