package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.Timeframe;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The shared logic of markets whose bars sit on the UTC epoch grid: a bar of length {@code tf} exists at every
 * multiple of {@code tf} whose {@code [start, start + tf)} overlaps an open window, and ends at the earlier of
 * {@code start + tf} and the window's close. Daily bars start at 00:00 UTC and exist only on the days of week the
 * market keeps daily bars for. Sessions are the UTC-date slices of the open windows.
 */
abstract sealed class GridCalendar implements MarketCalendar permits CryptoCalendar, FxCalendar, WeekdayCalendar,
        PeriodCalendar {

    static final long DAY_MILLIS = 86_400_000L;

    /** Bounds the forward search of {@link #nextBarStart}; every grid market reopens within days. */
    private static final int MAX_SEARCH_STEPS = 10_000;

    private final String name;
    private final Set<DayOfWeek> dailyBarDays;

    GridCalendar(String name, Set<DayOfWeek> dailyBarDays) {
        this.name = name;
        this.dailyBarDays = EnumSet.copyOf(dailyBarDays);
    }

    /** The first open window whose close is after {@code t}; it may open after {@code t}. */
    abstract OpenWindow windowEndingAfter(long t);

    @Override
    public String name() {
        return name;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public boolean isTradingDay(LocalDate date) {
        return session(date).isPresent();
    }

    @Override
    public Optional<Session> session(LocalDate date) {
        long dayStart = date.toEpochDay() * DAY_MILLIS;
        long dayEnd = dayStart + DAY_MILLIS;
        OpenWindow w = windowEndingAfter(dayStart);
        if (w.open() >= dayEnd) {
            return Optional.empty();
        }
        return Optional.of(new Session(date, Instant.ofEpochMilli(Math.max(dayStart, w.open())),
                Instant.ofEpochMilli(Math.min(dayEnd, w.close())), false));
    }

    @Override
    public Optional<Instant> barStartContaining(Timeframe timeframe, Instant t) {
        long millis = t.toEpochMilli();
        long start = Math.floorDiv(millis, timeframe.millis()) * timeframe.millis();
        if (!exists(timeframe, start)) {
            return Optional.empty();
        }
        return millis < end(timeframe, start) ? Optional.of(Instant.ofEpochMilli(start)) : Optional.empty();
    }

    @Override
    public boolean isAligned(Timeframe timeframe, Instant start) {
        return start.getNano() % 1_000_000 == 0 && exists(timeframe, start.toEpochMilli());
    }

    @Override
    public Instant barEnd(Timeframe timeframe, Instant start) {
        if (!isAligned(timeframe, start)) {
            throw new IllegalArgumentException(
                    "No " + name + " " + timeframe.code() + " bar starts at " + start + " (not on the grid or closed)");
        }
        return Instant.ofEpochMilli(end(timeframe, start.toEpochMilli()));
    }

    @Override
    public long[] expectedStarts(Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        long m = timeframe.millis();
        long to = endExclusive.toEpochMilli();
        long s = ceil(startInclusive.toEpochMilli(), m);
        LongArrayBuilder out = new LongArrayBuilder(s < to ? (to - s) / m + 1 : 0);
        while (s < to) {
            OpenWindow w = windowEndingAfter(s);
            s = Math.max(s, floor(w.open(), m));
            long limit = Math.min(w.close(), to);
            for (; s < limit; s += m) {
                if (timeframe.isIntraday() || hasDailyBar(s)) {
                    out.add(s);
                }
            }
        }
        return out.toArray();
    }

    @Override
    public Instant nextBarStart(Timeframe timeframe, Instant t) {
        long m = timeframe.millis();
        long s = ceil(t.toEpochMilli(), m);
        for (int step = 0; step < MAX_SEARCH_STEPS; step++) {
            OpenWindow w = windowEndingAfter(s);
            s = Math.max(s, floor(w.open(), m));
            if (s < w.close()) {
                if (timeframe.isIntraday() || hasDailyBar(s)) {
                    return Instant.ofEpochMilli(s);
                }
                s += m;
            }
        }
        throw new IllegalStateException("No " + name + " " + timeframe.code() + " bar starts after " + t);
    }

    @Override
    public String toString() {
        return name;
    }

    private boolean exists(Timeframe timeframe, long start) {
        long m = timeframe.millis();
        if (Math.floorMod(start, m) != 0 || (!timeframe.isIntraday() && !hasDailyBar(start))) {
            return false;
        }
        return windowEndingAfter(start).open() < start + m;
    }

    private long end(Timeframe timeframe, long start) {
        return Math.min(start + timeframe.millis(), windowEndingAfter(start).close());
    }

    private boolean hasDailyBar(long dayStart) {
        long epochDay = Math.floorDiv(dayStart, DAY_MILLIS);
        // epoch day 0 (1970-01-01) was a Thursday
        return dailyBarDays.contains(DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7L) + 1));
    }

    static long floor(long t, long m) {
        return Math.floorDiv(t, m) * m;
    }

    static long ceil(long t, long m) {
        return -Math.floorDiv(-t, m) * m;
    }
}
