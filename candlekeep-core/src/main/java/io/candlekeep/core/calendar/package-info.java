/**
 * Market calendars: when each market trades and where its bars start and end. {@link
 * io.candlekeep.core.calendar.MarketCalendars} hands out one immutable calendar per market (the exchanges, each an
 * {@link io.candlekeep.core.calendar.ExchangeCalendar} with its hours, lunch break, holidays and early closes; 24/7
 * crypto; the FX week; plain weekdays for macro series, and one {@link io.candlekeep.core.calendar.PeriodCalendar} per
 * {@link io.candlekeep.core.calendar.Frequency} for a macro series whose frequency is known: one point per period, due
 * once it has been published), chosen by a symbol's listing or an exchange's code; gap
 * detection, backfill planning and resampling ask it for the bar grid instead of assuming fixed UTC offsets.
 */
package io.candlekeep.core.calendar;
