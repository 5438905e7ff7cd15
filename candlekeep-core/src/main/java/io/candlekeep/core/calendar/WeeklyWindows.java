package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A market that is open once a week from one local day and time to another, computed in its own zone so that DST
 * moves the UTC instants (the FX week opens Sunday 17:00 New York, which is 21:00Z in summer and 22:00Z in winter).
 */
final class WeeklyWindows {

    private final ZoneId zone;
    private final DayOfWeek openDay;
    private final LocalTime openTime;
    private final LocalTime closeTime;
    private final int closeAfterDays;

    /**
     * The last answer and the span of {@code t} it holds for; callers walk forward week by week, so this saves
     * the zone arithmetic on nearly every call. An immutable holder, so a racy read is still consistent.
     */
    private volatile Cached last;

    private record Cached(long fromInclusive, OpenWindow window) {
    }

    WeeklyWindows(ZoneId zone, DayOfWeek openDay, LocalTime openTime, DayOfWeek closeDay, LocalTime closeTime) {
        this.zone = zone;
        this.openDay = openDay;
        this.openTime = openTime;
        this.closeTime = closeTime;
        int days = Math.floorMod(closeDay.getValue() - openDay.getValue(), 7);
        this.closeAfterDays = days == 0 ? 7 : days;
    }

    /** The first weekly window whose close is after {@code t}; it may open after {@code t}. */
    OpenWindow endingAfter(long t) {
        Cached c = last;
        if (c != null && c.fromInclusive <= t && t < c.window.close()) {
            return c.window;
        }
        LocalDate anchor = Instant.ofEpochMilli(t).atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(openDay));
        OpenWindow w = windowFrom(anchor);
        if (w.close() > t) {
            last = new Cached(windowFrom(anchor.minusWeeks(1)).close(), w);
            return w;
        }
        OpenWindow next = windowFrom(anchor.plusWeeks(1));
        last = new Cached(w.close(), next);
        return next;
    }

    private OpenWindow windowFrom(LocalDate anchor) {
        long open = anchor.atTime(openTime).atZone(zone).toInstant().toEpochMilli();
        long close = anchor.plusDays(closeAfterDays).atTime(closeTime).atZone(zone).toInstant().toEpochMilli();
        return new OpenWindow(open, close);
    }
}
