package io.candlekeep.core.calendar;

import com.opengamma.strata.basics.ReferenceData;
import com.opengamma.strata.basics.date.HolidayCalendar;
import com.opengamma.strata.basics.date.HolidayCalendarId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The weekday holidays of one of OpenGamma Strata's holiday calendars ({@code GBLO}, {@code EUTA}, {@code CHZU},
 * {@code CATO}, {@code AUSY}, {@code JPTO}). Strata keeps them from 1950 to 2099 and knows only weekends outside
 * that range. Its data is read on the first year asked for, so a process that sees only US symbols never loads it.
 * This is the one class that uses Strata.
 */
final class StrataHolidays implements HolidayRule {

    private final HolidayCalendarId id;
    private volatile HolidayCalendar calendar;

    StrataHolidays(String calendarId) {
        this.id = HolidayCalendarId.of(calendarId);
    }

    @Override
    public Collection<LocalDate> dates(int year) {
        HolidayCalendar c = calendar();
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            // Strata counts weekends as holidays too; the exchange calendar has its own weekends
            if (!HolidayRule.isWeekend(d) && c.isHoliday(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private HolidayCalendar calendar() {
        HolidayCalendar c = calendar;
        if (c == null) {
            c = id.resolve(ReferenceData.standard());
            calendar = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "Strata " + id;
    }
}
