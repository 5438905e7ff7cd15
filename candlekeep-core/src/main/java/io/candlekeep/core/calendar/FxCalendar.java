package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

/**
 * The spot FX market: open from Sunday 17:00 to Friday 17:00 New York time (so 21:00Z in summer, 22:00Z in
 * winter). Bars sit on the UTC epoch grid; an intraday bar exists when its {@code [start, start + tf)} overlaps
 * the open week, so the 4h bar at Sunday 20:00Z exists in summer and contains the hour before the open, and the
 * last bars of the week end at the Friday close. Daily bars start at 00:00 UTC Monday to Friday and the Friday
 * bar ends at the close; Sunday evening trades in intraday bars but belongs to no daily bar, although
 * {@link #session} reports that evening slice. Christmas and New Year's Day are treated as open: the interbank
 * market thins out but does not close, and providers differ on those days. Zone: UTC, the zone of the grid and
 * of the session dates. Obtain it from {@link MarketCalendars#fx()}.
 */
public final class FxCalendar extends GridCalendar {

    static final FxCalendar INSTANCE = new FxCalendar();

    private static final WeeklyWindows WEEK = new WeeklyWindows(ZoneId.of("America/New_York"),
            DayOfWeek.SUNDAY, LocalTime.of(17, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0));

    private FxCalendar() {
        super("FX", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    @Override
    OpenWindow windowEndingAfter(long t) {
        return WEEK.endingAfter(t);
    }
}
