package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;

/**
 * Monday to Friday in UTC, with no holidays: the calendar of macro series (FRED), which publish one observation
 * per business day at most and are stored as daily bars at 00:00 UTC. Intraday bars, should any appear, sit on
 * the epoch grid inside those days. A missing observation on a holiday is a provider hole, not a calendar
 * closure. Obtain it from {@link MarketCalendars#weekdays()}.
 */
public final class WeekdayCalendar extends GridCalendar {

    static final WeekdayCalendar INSTANCE = new WeekdayCalendar();

    private static final WeeklyWindows WEEK = new WeeklyWindows(ZoneOffset.UTC,
            DayOfWeek.MONDAY, LocalTime.MIDNIGHT, DayOfWeek.SATURDAY, LocalTime.MIDNIGHT);

    private WeekdayCalendar() {
        super("WEEKDAYS", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    @Override
    OpenWindow windowEndingAfter(long t) {
        return WEEK.endingAfter(t);
    }
}
