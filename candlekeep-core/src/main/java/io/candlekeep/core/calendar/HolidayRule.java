package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The days of one year on which an exchange is closed besides its weekends. Rules combine: an exchange's closures
 * are often a holiday calendar from a library plus or minus the days on which the exchange differs from it.
 */
@FunctionalInterface
interface HolidayRule {

    /** The closed dates of {@code year}, in any order; days outside the year and weekends are ignored by the caller. */
    Collection<LocalDate> dates(int year);

    /** This rule's days and {@code more}'s. */
    default HolidayRule plus(HolidayRule more) {
        return year -> {
            List<LocalDate> all = new ArrayList<>(dates(year));
            all.addAll(more.dates(year));
            return all;
        };
    }

    /** This rule's days except {@code fewer}'s: days the source calendar closes on and the exchange trades. */
    default HolidayRule minus(HolidayRule fewer) {
        return year -> {
            Set<LocalDate> drop = new HashSet<>(fewer.dates(year));
            return dates(year).stream().filter(d -> !drop.contains(d)).toList();
        };
    }

    /** This rule's days in the years {@code [fromYear, toYear]} only. */
    default HolidayRule inYears(int fromYear, int toYear) {
        return year -> year >= fromYear && year <= toYear ? dates(year) : List.of();
    }

    /** The holidays of a calendar of OpenGamma Strata, such as {@code GBLO} (London bank holidays). */
    static HolidayRule strata(String calendarId) {
        return new StrataHolidays(calendarId);
    }

    /** The same day every year, whatever day of the week it falls on. */
    static HolidayRule on(Month month, int dayOfMonth) {
        return year -> List.of(LocalDate.of(year, month, dayOfMonth));
    }

    /** The same day every year, or the Monday after when it falls on a weekend. */
    static HolidayRule onOrMondayAfter(Month month, int dayOfMonth) {
        return year -> List.of(mondayIfWeekend(LocalDate.of(year, month, dayOfMonth)));
    }

    /** The day {@code days} after Easter Sunday (Whit Monday is 50), or before it when negative. */
    static HolidayRule easterPlus(int days) {
        return year -> List.of(easterSunday(year).plusDays(days));
    }

    /** Closures announced for events, which no rule produces. */
    static HolidayRule once(LocalDate... dates) {
        List<LocalDate> all = List.of(dates);
        return year -> all.stream().filter(d -> d.getYear() == year).toList();
    }

    /** The first Monday of {@code month}. */
    static HolidayRule firstMonday(Month month) {
        return year -> List.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
    }

    static LocalDate mondayIfWeekend(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case SATURDAY -> d.plusDays(2);
            case SUNDAY -> d.plusDays(1);
            default -> d;
        };
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
