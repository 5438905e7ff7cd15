package io.candlekeep.app.tracking;

import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How many bars a calendar expects from a start up to one fixed {@code now}, for many series at once: a page of the
 * tracking list has hundreds of series on a few calendars, each from a start of its own. Each (calendar, timeframe)
 * is walked once, back to the earliest start asked so far, and each count is a binary search in that walk. Not
 * thread-safe: one per request.
 */
final class ExpectedBars {

    private final Instant now;
    private final Map<MarketCalendar, Map<Timeframe, Walk>> walks = new HashMap<>();

    /** The bar starts of one calendar and timeframe in {@code [fromMillis, now)}, ascending. */
    private record Walk(long fromMillis, long[] starts) {
    }

    ExpectedBars(Instant now) {
        this.now = now;
    }

    Instant now() {
        return now;
    }

    /** {@code calendar.expectedStarts(timeframe, startInclusive, now).length}. */
    long count(MarketCalendar calendar, Timeframe timeframe, Instant startInclusive) {
        if (!startInclusive.isBefore(now)) {
            return 0;
        }
        Map<Timeframe, Walk> byTimeframe = walks.computeIfAbsent(calendar, k -> new EnumMap<>(Timeframe.class));
        long from = startInclusive.toEpochMilli();
        Walk walk = byTimeframe.get(timeframe);
        if (walk == null || from < walk.fromMillis()) {
            // bar starts in [a, b) and in [b, c) are those in [a, c): the walk grows backwards only
            Instant end = walk == null ? now : Instant.ofEpochMilli(walk.fromMillis());
            long[] older = calendar.expectedStarts(timeframe, startInclusive, end);
            long[] later = walk == null ? new long[0] : walk.starts();
            long[] starts = Arrays.copyOf(older, older.length + later.length);
            System.arraycopy(later, 0, starts, older.length, later.length);
            walk = new Walk(from, starts);
            byTimeframe.put(timeframe, walk);
        }
        int i = Arrays.binarySearch(walk.starts(), from);
        return walk.starts().length - (i >= 0 ? i : -i - 1);
    }
}
