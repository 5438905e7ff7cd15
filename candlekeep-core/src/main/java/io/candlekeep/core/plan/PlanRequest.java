package io.candlekeep.core.plan;

import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to plan for one series: the {@code timeframe} the series is kept in, the {@code window} it should
 * hold back from {@code now} (the target is {@code [now - window, now)}), the ranges already stored
 * ({@code covered}: any order, may overlap, may be empty), the provider's {@code capabilities}, and an
 * {@code overlap} by which each missing range starts earlier, so a tail sync re-reads the last stored bar.
 */
public record PlanRequest(
        Timeframe timeframe,
        Duration window,
        Instant now,
        List<TimeRange> covered,
        ProviderCapabilities capabilities,
        Duration overlap) {

    public PlanRequest {
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(overlap, "overlap");
        covered = List.copyOf(Objects.requireNonNull(covered, "covered"));
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative but was " + window);
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must not be negative but was " + overlap);
        }
    }

    /** A request without overlap. */
    public static PlanRequest of(Timeframe timeframe, Duration window, Instant now, List<TimeRange> covered,
            ProviderCapabilities capabilities) {
        return new PlanRequest(timeframe, window, now, covered, capabilities, Duration.ZERO);
    }

    public PlanRequest withOverlap(Duration overlap) {
        return new PlanRequest(timeframe, window, now, covered, capabilities, overlap);
    }

    /** The span the series should hold, {@code [now - window, now)}. */
    public TimeRange target() {
        return TimeRange.of(now.minus(window), now);
    }
}
