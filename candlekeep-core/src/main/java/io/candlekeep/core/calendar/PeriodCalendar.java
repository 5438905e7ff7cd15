package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * The calendar of a macro series observed at one {@link Frequency}: one daily bar at 00:00 UTC on each date an
 * observation is stamped on (the first of each month for a monthly series, each Friday for one whose weeks end on
 * Friday) and nothing in between, so coverage and gap detection expect one point per period. Intraday bars, should any
 * appear, sit on the epoch grid inside those days. Which observations should be stored by now is {@link #dueBefore}:
 * the newest period or two are still being published. Obtain it from {@link MarketCalendars#macro(Frequency)}.
 */
public final class PeriodCalendar extends GridCalendar {

    private static final Map<Frequency, PeriodCalendar> INSTANCES = instances();

    private final Frequency frequency;

    private PeriodCalendar(Frequency frequency) {
        super("MACRO-" + frequency.code().toUpperCase(Locale.ROOT).replace('_', '-'), EnumSet.allOf(DayOfWeek.class));
        this.frequency = frequency;
    }

    private static Map<Frequency, PeriodCalendar> instances() {
        Map<Frequency, PeriodCalendar> m = new EnumMap<>(Frequency.class);
        for (Frequency f : Frequency.values()) {
            m.put(f, new PeriodCalendar(f));
        }
        return m;
    }

    static PeriodCalendar of(Frequency frequency) {
        return INSTANCES.get(frequency);
    }

    public Frequency frequency() {
        return frequency;
    }

    /**
     * The start (00:00 UTC) of the oldest observation date not yet due at {@code now} ({@link Frequency#dueOn}): the
     * bars of the dates before it should be stored, those from it on may still be unpublished and are no gap. At
     * 2025-01-20 a monthly series is due up to November 2024 (this instant is 2024-12-01).
     */
    public Instant dueBefore(Instant now) {
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now.toEpochMilli(), DAY_MILLIS));
        return frequency.firstNotDue(today).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The observation day of the first observation date that is not over at {@code t}. */
    @Override
    OpenWindow windowEndingAfter(long t) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(t, DAY_MILLIS));
        long open = frequency.observationOnOrAfter(day).toEpochDay() * DAY_MILLIS;
        return new OpenWindow(open, open + DAY_MILLIS);
    }
}
