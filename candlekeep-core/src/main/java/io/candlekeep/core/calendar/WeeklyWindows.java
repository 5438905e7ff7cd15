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
record WeeklyWindows(ZoneId zone, DayOfWeek openDay, LocalTime openTime, DayOfWeek closeDay, LocalTime closeTime) {

    /** The first weekly window whose close is after {@code t}; it may open after {@code t}. */
    OpenWindow endingAfter(long t) {
        LocalDate anchor = Instant.ofEpochMilli(t).atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(openDay));
        OpenWindow w = windowFrom(anchor);
        return w.close() > t ? w : windowFrom(anchor.plusWeeks(1));
    }

    private OpenWindow windowFrom(LocalDate anchor) {
        int days = Math.floorMod(closeDay.getValue() - openDay.getValue(), 7);
        long open = anchor.atTime(openTime).atZone(zone).toInstant().toEpochMilli();
        long close = anchor.plusDays(days == 0 ? 7 : days).atTime(closeTime).atZone(zone).toInstant().toEpochMilli();
        return new OpenWindow(open, close);
    }
}
