package io.candlekeep.core.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an {@link ExchangeCalendar} needs to know about one exchange: its name, its zone, its regular hours (which
 * may change on a date, as Tokyo's close did), its closures beyond Saturday and Sunday, and its early-close days.
 */
record ExchangeSpec(String name, ZoneId zone, NavigableMap<LocalDate, TradingHours> hoursFrom, HolidayRule holidays,
        EarlyCloseRule earlyCloses) {

    ExchangeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(earlyCloses, "earlyCloses");
        if (hoursFrom.isEmpty() || !hoursFrom.firstKey().equals(LocalDate.MIN)) {
            throw new IllegalArgumentException(name + ": the first trading hours must apply from LocalDate.MIN");
        }
        hoursFrom = Collections.unmodifiableNavigableMap(new TreeMap<>(hoursFrom));
    }

    /** An exchange whose hours have always been {@code hours}. */
    static ExchangeSpec of(String name, String zone, TradingHours hours, HolidayRule holidays,
            EarlyCloseRule earlyCloses) {
        return new ExchangeSpec(name, ZoneId.of(zone), new TreeMap<>(Map.of(LocalDate.MIN, hours)), holidays,
                earlyCloses);
    }

    /** This exchange with {@code hours} from {@code date} on. */
    ExchangeSpec withHoursFrom(LocalDate date, TradingHours hours) {
        TreeMap<LocalDate, TradingHours> next = new TreeMap<>(hoursFrom);
        next.put(date, hours);
        return new ExchangeSpec(name, zone, next, holidays, earlyCloses);
    }

    /** The regular hours that apply on {@code date}. */
    TradingHours hoursOn(LocalDate date) {
        return hoursFrom.floorEntry(date).getValue();
    }

    /** The hours that apply now and from here on. */
    TradingHours currentHours() {
        return hoursFrom.lastEntry().getValue();
    }
}
