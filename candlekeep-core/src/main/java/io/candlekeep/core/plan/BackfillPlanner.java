package io.candlekeep.core.plan;

import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which ranges of a series to fetch and how to cut them into provider requests.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>The provider's source timeframe is fetched ({@link ProviderCapabilities#sourceOf}); its lookback
 *     and maximum range per request apply.</li>
 * <li>Missing = {@code [now - window, now)} minus the covered ranges. The target start is floored to a
 *     whole UTC minute, and so is each missing start (re-reading a few stored seconds is harmless).</li>
 * <li>Anything older than {@code now - lookback} (ceiled to a whole minute) is reported as
 *     {@link BackfillPlan#beyondReach()}: the span from the oldest missing instant to the reach.</li>
 * <li>Each missing range starts {@code overlap} earlier, never before the target start or the reach;
 *     ranges that then touch are merged.</li>
 * <li>The newest slice ends at {@code now} and spans at most min(max range, {@link #firstSliceSpanOf});
 *     its start is rounded up to a whole unit (day, hour or minute, the largest that is at most half the
 *     cap), so it spans between half the cap and the cap.</li>
 * <li>Every older slice is a cell of a grid anchored at the epoch, with a step of the max range rounded
 *     down to that unit, clipped to its missing range. So replanning later keeps the older slices'
 *     boundaries, which serve as job keys.</li>
 * </ol>
 * Instants are handled at millisecond precision. The result depends only on the request.
 */
public final class BackfillPlanner {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    private BackfillPlanner() {
    }

    /**
     * The widest newest slice for a series of {@code timeframe} (the kept timeframe, not the fetched one),
     * small enough that a chart's recent bars arrive in seconds: 15m 2 days, 1h 7 days, 4h 30 days, 1d 60 days.
     */
    public static Duration firstSliceSpanOf(Timeframe timeframe) {
        return switch (timeframe) {
            case M15 -> Duration.ofDays(2);
            case H1 -> Duration.ofDays(7);
            case H4 -> Duration.ofDays(30);
            case D1 -> Duration.ofDays(60);
        };
    }

    /** Plans one series. Throws {@link IllegalArgumentException} when the provider cannot build the timeframe. */
    public static BackfillPlan plan(PlanRequest request) {
        ProviderCapabilities caps = request.capabilities();
        Timeframe source = caps.sourceOf(request.timeframe());
        long maxRange = caps.maxRangeOf(source).toMillis();
        if (maxRange < MINUTE) {
            throw new IllegalArgumentException("maxRangeOf(" + source + ") must be at least one minute but was "
                    + caps.maxRangeOf(source));
        }

        long now = request.now().toEpochMilli();
        long targetStart = floor(now - request.window().toMillis(), MINUTE);
        if (request.window().isZero() || targetStart >= now) {
            return new BackfillPlan(source, List.of(), Optional.empty());
        }
        List<long[]> missing = subtract(targetStart, now, request.covered());

        long reach = caps.lookbackOf(source)
                .map(lookback -> Math.min(now, ceil(now - lookback.toMillis(), MINUTE)))
                .orElse(targetStart);
        Optional<TimeRange> beyondReach = beyond(missing, reach);
        long lowest = Math.max(targetStart, reach);

        long overlap = request.overlap().toMillis();
        List<long[]> fetch = new ArrayList<>();
        for (long[] r : missing) {
            long end = r[1];
            if (end <= lowest) {
                continue;
            }
            long start = Math.max(lowest, floor(Math.max(r[0], lowest) - overlap, MINUTE));
            if (!fetch.isEmpty() && fetch.getLast()[1] >= start) {
                long[] last = fetch.getLast();
                last[1] = Math.max(last[1], end);
                last[0] = Math.min(last[0], start);
            } else {
                fetch.add(new long[] {start, end});
            }
        }

        long firstCap = Math.min(maxRange, firstSliceSpanOf(request.timeframe()).toMillis());
        long firstUnit = unitFor(firstCap);
        long step = floor(maxRange, unitFor(maxRange));

        List<TimeRange> slices = new ArrayList<>();
        for (int i = fetch.size() - 1; i >= 0; i--) {
            long rangeStart = fetch.get(i)[0];
            long end = fetch.get(i)[1];
            while (end > rangeStart) {
                long start = slices.isEmpty()
                        ? Math.max(rangeStart, ceil(end - firstCap, firstUnit))
                        : Math.max(rangeStart, floor(end - 1, step));
                slices.add(range(start, end));
                end = start;
            }
        }
        return new BackfillPlan(source, slices, beyondReach);
    }

    /** {@code [start, end)} minus the covered ranges, ascending and disjoint. */
    private static List<long[]> subtract(long start, long end, List<TimeRange> covered) {
        List<TimeRange> sorted = new ArrayList<>(covered);
        sorted.sort(Comparator.comparing(TimeRange::startInclusive));
        List<long[]> out = new ArrayList<>();
        long cursor = start;
        for (TimeRange c : sorted) {
            long cs = c.startInclusive().toEpochMilli();
            long ce = c.endExclusive().toEpochMilli();
            if (ce <= cursor || cs >= ce) {
                continue;
            }
            if (cs >= end) {
                break;
            }
            if (cs > cursor) {
                out.add(new long[] {cursor, cs});
            }
            cursor = ce;
            if (cursor >= end) {
                return out;
            }
        }
        if (cursor < end) {
            out.add(new long[] {cursor, end});
        }
        return out;
    }

    /** The span from the oldest missing instant to the end of the missing part older than {@code reach}. */
    private static Optional<TimeRange> beyond(List<long[]> missing, long reach) {
        if (missing.isEmpty() || missing.getFirst()[0] >= reach) {
            return Optional.empty();
        }
        long end = missing.getFirst()[0];
        for (long[] r : missing) {
            if (r[0] >= reach) {
                break;
            }
            end = Math.max(end, Math.min(r[1], reach));
        }
        return Optional.of(range(missing.getFirst()[0], end));
    }

    /** The largest round unit that is at most half of {@code span}, so rounding to it loses at most half. */
    private static long unitFor(long span) {
        if (span >= 2 * DAY) {
            return DAY;
        }
        if (span >= 2 * HOUR) {
            return HOUR;
        }
        return MINUTE;
    }

    private static long floor(long millis, long unit) {
        return Math.floorDiv(millis, unit) * unit;
    }

    private static long ceil(long millis, long unit) {
        return -Math.floorDiv(-millis, unit) * unit;
    }

    private static TimeRange range(long startMillis, long endMillis) {
        return TimeRange.of(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis));
    }
}
