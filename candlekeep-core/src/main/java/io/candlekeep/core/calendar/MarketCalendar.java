package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a market trades and where its bars start. Session markets (NYSE) align intraday bars to the
 * session open in the exchange's zone and cut the last bar of a session at the close; the daily bar
 * starts at the session open. 24/7 markets align to the UTC epoch grid (daily bars at 00:00 UTC).
 * All ranges are {@code [startInclusive, endExclusive)}.
 */
public interface MarketCalendar {

    /** A short name, {@code NYSE}, {@code CRYPTO} or {@code FX}. */
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

    /** The trading session of one date: {@code [open, close)} as instants. */
    record Session(LocalDate date, Instant open, Instant close, boolean earlyClose) {
    }
}
