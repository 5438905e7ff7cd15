package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a market trades and where its bars start. Session markets (the exchanges) align intraday bars to the
 * session open in the exchange's zone and cut the last bar of a session at the close; where the exchange breaks
 * for lunch, the last morning bar is cut at the break and the afternoon bars align to the afternoon open. The
 * daily bar starts at the session open and ends at the close, over the break. 24/7 markets align to the UTC epoch
 * grid (daily bars at 00:00 UTC). All ranges are {@code [startInclusive, endExclusive)}.
 */
public interface MarketCalendar {

    /** A short name: {@code NYSE}, a MIC such as {@code XLON}, {@code CRYPTO}, {@code FX} or {@code WEEKDAYS}. */
    String name();

    /** The exchange's zone, in which sessions and DST are computed. */
    ZoneId zone();

    /** Whether {@code date} (in the exchange's zone) has a session. */
    boolean isTradingDay(LocalDate date);

    /** The session of {@code date}, or empty when the market is closed that day. */
    Optional<Session> session(LocalDate date);

    /** The start of the bar of {@code timeframe} containing {@code t}, or empty when {@code t} is outside trading. */
    Optional<Instant> barStartContaining(Timeframe timeframe, Instant t);

    /** Whether a bar of {@code timeframe} may start at {@code start}. */
    boolean isAligned(Timeframe timeframe, Instant start);

    /** The exclusive end of the bar starting at {@code start} (cut at the session close where there is one). */
    Instant barEnd(Timeframe timeframe, Instant start);

    /** Every bar start of {@code timeframe} in {@code [startInclusive, endExclusive)}, ascending, as epoch millis. */
    long[] expectedStarts(Timeframe timeframe, Instant startInclusive, Instant endExclusive);

    /** The first bar start at or after {@code t}. */
    Instant nextBarStart(Timeframe timeframe, Instant t);

    /**
     * The trading session of one date: {@code [open, close)} as instants, and where the exchange breaks for lunch
     * the break {@code [breakStart, breakEnd)} inside it ({@code null} both when the session trades through).
     */
    record Session(LocalDate date, Instant open, Instant close, boolean earlyClose, Instant breakStart,
            Instant breakEnd) {

        public Session {
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("Session of " + date + " opens at " + open
                        + ", not before its close " + close);
            }
            if ((breakStart == null) != (breakEnd == null)) {
                throw new IllegalArgumentException("Session of " + date
                        + ": give both ends of the break or neither, not " + breakStart + " and " + breakEnd);
            }
            if (breakStart != null && !(open.isBefore(breakStart) && breakStart.isBefore(breakEnd)
                    && breakEnd.isBefore(close))) {
                throw new IllegalArgumentException("Session of " + date + ": the break [" + breakStart + ", " + breakEnd
                        + ") must lie inside [" + open + ", " + close + ")");
            }
        }

        /** A session that trades through, without a break. */
        public Session(LocalDate date, Instant open, Instant close, boolean earlyClose) {
            this(date, open, close, earlyClose, null, null);
        }

        /** Whether the session breaks for lunch. */
        public boolean hasBreak() {
            return breakStart != null;
        }
    }
}
