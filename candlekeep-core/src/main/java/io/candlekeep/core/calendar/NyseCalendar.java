package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The New York Stock Exchange, also the calendar of NASDAQ, which keeps the same holidays, hours and early closes:
 * sessions 09:30–16:00 America/New_York, 13:00 on early-close days, DST handled by computing in that zone. Holidays
 * follow the exchange's rules for any year (NYSE Rule 7.2): New Year's Day, Martin Luther King Jr. Day (from 1998),
 * Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day,
 * Thanksgiving and Christmas; a holiday on a Saturday is observed the Friday before and on a Sunday the Monday
 * after, except that New Year's Day on a Saturday is not observed at all. Early closes fall on July 3, the day after
 * Thanksgiving and December 24 when those are trading weekdays. Closures the exchange announced for events (9/11,
 * Hurricane Sandy, days of mourning since 2001) follow no rule and are listed. The rules are the current ones, so
 * years before 1998 may differ from history.
 *
 * <p>Intraday bars start at {@code open + k * tf} while before the close and end at the earlier of
 * {@code start + tf} and the close (1h bars 09:30 … 15:30, the last one 30 minutes; 4h bars 09:30 and 13:30).
 * The daily bar starts at the open and ends at the close; see {@link ExchangeCalendar}. Its name is {@code NYSE}.
 * Obtain it from {@link MarketCalendars#nyse()}.
 */
public final class NyseCalendar extends ExchangeCalendar {

    private static final TradingHours HOURS = TradingHours.of(LocalTime.of(9, 30), LocalTime.of(16, 0))
            .withEarlyClose(LocalTime.of(13, 0));

    /** Closures announced for events; no rule produces them. */
    private static final Set<LocalDate> UNSCHEDULED_CLOSURES = Set.of(
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14), // September 11 attacks
            LocalDate.of(2004, 6, 11), // President Reagan
            LocalDate.of(2007, 1, 2), // President Ford
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30), // Hurricane Sandy
            LocalDate.of(2018, 12, 5), // President George H. W. Bush
            LocalDate.of(2025, 1, 9)); // President Carter

    /** Declared after the rules it is built from. */
    static final NyseCalendar INSTANCE = new NyseCalendar();

    private NyseCalendar() {
        super(ExchangeSpec.of("NYSE", "America/New_York", HOURS, NyseCalendar::closures,
                (year, trading) -> List.of(LocalDate.of(year, 7, 3), thanksgiving(year).plusDays(1),
                        LocalDate.of(year, 12, 24))));
    }

    /** The weekdays of {@code year} with no session, sorted. */
    private static Set<LocalDate> closures(int year) {
        TreeSet<LocalDate> closed = new TreeSet<>();
        LocalDate newYear = LocalDate.of(year, 1, 1);
        // Rule 7.2: New Year's Day on a Saturday is not moved to the Friday before, which ends the prior year.
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            closed.add(observed(newYear));
        }
        if (year >= 1998) {
            closed.add(nthWeekday(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        }
        closed.add(nthWeekday(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        closed.add(HolidayRule.easterSunday(year).minusDays(2));
        closed.add(LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2022) {
            closed.add(observed(LocalDate.of(year, 6, 19)));
        }
        closed.add(observed(LocalDate.of(year, 7, 4)));
        closed.add(nthWeekday(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        closed.add(thanksgiving(year));
        closed.add(observed(LocalDate.of(year, 12, 25)));
        for (LocalDate d : UNSCHEDULED_CLOSURES) {
            if (d.getYear() == year) {
                closed.add(d);
            }
        }
        return closed;
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate thanksgiving(int year) {
        return nthWeekday(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
    }

    private static LocalDate nthWeekday(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }
}
