package io.candlekeep.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The days of one year on which an exchange closes early (at its {@link TradingHours#earlyClose()}). The calendar
 * keeps only the days that are trading days, so a rule may name a day that turns out to be a holiday or a weekend.
 */
@FunctionalInterface
interface EarlyCloseRule {

    /**
     * The early-close days of {@code year}; {@code isTradingDay} answers for the days of that year, so a rule can
     * ask for the last trading day before a date.
     */
    Collection<LocalDate> dates(int year, Predicate<LocalDate> isTradingDay);

    /** This rule's days and {@code more}'s. */
    default EarlyCloseRule plus(EarlyCloseRule more) {
        return (year, trading) -> {
            List<LocalDate> all = new ArrayList<>(dates(year, trading));
            all.addAll(more.dates(year, trading));
            return all;
        };
    }

    /** An exchange that never closes early. */
    static EarlyCloseRule none() {
        return (year, trading) -> List.of();
    }

    /** The same day every year, when it is a trading day. */
    static EarlyCloseRule on(Month month, int dayOfMonth) {
        return (year, trading) -> List.of(LocalDate.of(year, month, dayOfMonth));
    }

    /** The same day every year, or the Friday before when it falls on a weekend. */
    static EarlyCloseRule onOrFridayBefore(Month month, int dayOfMonth) {
        return (year, trading) -> {
            LocalDate d = LocalDate.of(year, month, dayOfMonth);
            return List.of(HolidayRule.isWeekend(d) ? d.with(TemporalAdjusters.previous(DayOfWeek.FRIDAY)) : d);
        };
    }

    /** The last trading day of the year. */
    static EarlyCloseRule lastTradingDayOfYear() {
        return (year, trading) -> {
            for (LocalDate d = LocalDate.of(year, 12, 31); d.getYear() == year; d = d.minusDays(1)) {
                if (trading.test(d)) {
                    return List.of(d);
                }
            }
            return List.of();
        };
    }
}
