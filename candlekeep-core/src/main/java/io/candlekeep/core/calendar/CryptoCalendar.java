package io.candlekeep.core.calendar;

import java.util.EnumSet;
import java.time.DayOfWeek;

/**
 * Crypto markets: open around the clock every day, zone UTC, bars on the epoch grid (4h bars at 00:00, 04:00, ...;
 * daily bars at 00:00 UTC). Obtain it from {@link MarketCalendars#crypto()}.
 */
public final class CryptoCalendar extends GridCalendar {

    static final CryptoCalendar INSTANCE = new CryptoCalendar();

    private CryptoCalendar() {
        super("CRYPTO", EnumSet.allOf(DayOfWeek.class));
    }

    @Override
    OpenWindow windowEndingAfter(long t) {
        return OpenWindow.ALWAYS;
    }
}
