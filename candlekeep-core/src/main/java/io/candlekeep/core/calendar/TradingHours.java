package io.candlekeep.core.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * An exchange's regular hours in its own zone: {@code [open, close)}, an optional lunch break
 * {@code [breakStart, breakEnd)} ({@code null} both when it trades through) and the close on early-close days
 * ({@code null} when it has none). An early close at or before the break start means a morning-only session.
 */
record TradingHours(LocalTime open, LocalTime breakStart, LocalTime breakEnd, LocalTime close, LocalTime earlyClose) {

    TradingHours {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("Trading hours open at " + open + ", not before the close " + close);
        }
        if ((breakStart == null) != (breakEnd == null)) {
            throw new IllegalArgumentException("Give both ends of the lunch break or neither, not " + breakStart
                    + " and " + breakEnd);
        }
        if (breakStart != null && !(open.isBefore(breakStart) && breakStart.isBefore(breakEnd)
                && breakEnd.isBefore(close))) {
            throw new IllegalArgumentException("The lunch break [" + breakStart + ", " + breakEnd
                    + ") must lie inside [" + open + ", " + close + ")");
        }
        if (earlyClose != null) {
            boolean inside = open.isBefore(earlyClose) && earlyClose.isBefore(close);
            boolean inBreak = breakStart != null && earlyClose.isAfter(breakStart) && !earlyClose.isAfter(breakEnd);
            if (!inside || inBreak) {
                throw new IllegalArgumentException("The early close " + earlyClose + " must lie inside (" + open + ", "
                        + close + ") and not inside the lunch break");
            }
        }
    }

    /** Continuous trading from {@code open} to {@code close}. */
    static TradingHours of(LocalTime open, LocalTime close) {
        return new TradingHours(open, null, null, close, null);
    }

    /** These hours with a lunch break {@code [breakStart, breakEnd)}. */
    TradingHours withBreak(LocalTime start, LocalTime end) {
        return new TradingHours(open, start, end, close, earlyClose);
    }

    /** These hours closing at {@code time} on early-close days. */
    TradingHours withEarlyClose(LocalTime time) {
        return new TradingHours(open, breakStart, breakEnd, close, time);
    }

    boolean hasBreak() {
        return breakStart != null;
    }
}
