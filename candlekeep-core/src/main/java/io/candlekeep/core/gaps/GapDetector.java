package io.candlekeep.core.gaps;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares what a series holds with what its calendar expects (DESIGN §6 rule 4). Weekends, holidays
 * and early closes are not gaps because the calendar expects no bar there; a run of consecutive
 * expected bars that are all missing is one gap, even across a weekend.
 */
public final class GapDetector {

    private GapDetector() {
    }

    /**
     * The missing runs in {@code [startInclusive, endExclusive)}, oldest first. Each runs from the first
     * missing bar's start to the last missing bar's end. {@code storedStarts} must be sorted ascending;
     * starts off the calendar's grid or outside the range are ignored.
     */
    public static List<TimeRange> gaps(Timeframe timeframe, MarketCalendar calendar, long[] storedStarts,
            Instant startInclusive, Instant endExclusive) {
        long[] expected = calendar.expectedStarts(timeframe, startInclusive, endExclusive);
        List<TimeRange> result = new ArrayList<>();
        int runStart = -1;
        for (int i = 0; i < expected.length; i++) {
            boolean present = Arrays.binarySearch(storedStarts, expected[i]) >= 0;
            if (!present && runStart < 0) {
                runStart = i;
            } else if (present && runStart >= 0) {
                result.add(run(timeframe, calendar, expected, runStart, i - 1));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            result.add(run(timeframe, calendar, expected, runStart, expected.length - 1));
        }
        return List.copyOf(result);
    }

    /** How many expected bars in {@code [startInclusive, endExclusive)} are not stored. */
    public static int missingCount(Timeframe timeframe, MarketCalendar calendar, long[] storedStarts,
            Instant startInclusive, Instant endExclusive) {
        int missing = 0;
        for (long start : calendar.expectedStarts(timeframe, startInclusive, endExclusive)) {
            if (Arrays.binarySearch(storedStarts, start) < 0) {
                missing++;
            }
        }
        return missing;
    }

    /** {@code target} minus the sorted, disjoint {@code gaps}: the ranges a planner may treat as covered. */
    public static List<TimeRange> covered(TimeRange target, List<TimeRange> gaps) {
        List<TimeRange> result = new ArrayList<>();
        Instant cursor = target.startInclusive();
        for (TimeRange gap : gaps) {
            Instant gapStart = max(gap.startInclusive(), target.startInclusive());
            if (gapStart.isAfter(cursor)) {
                result.add(TimeRange.of(cursor, min(gapStart, target.endExclusive())));
            }
            cursor = max(cursor, gap.endExclusive());
            if (!cursor.isBefore(target.endExclusive())) {
                break;
            }
        }
        if (cursor.isBefore(target.endExclusive())) {
            result.add(TimeRange.of(cursor, target.endExclusive()));
        }
        return List.copyOf(result);
    }

    private static TimeRange run(Timeframe timeframe, MarketCalendar calendar, long[] expected, int first, int last) {
        Instant start = Instant.ofEpochMilli(expected[first]);
        return TimeRange.of(start, calendar.barEnd(timeframe, Instant.ofEpochMilli(expected[last])));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
