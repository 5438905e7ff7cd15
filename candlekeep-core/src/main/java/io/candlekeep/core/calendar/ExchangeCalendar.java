package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A stock exchange's sessions, driven by an {@link ExchangeSpec}: Monday to Friday except its holidays, from the
 * open to the close in the exchange's zone (so DST moves the UTC instants), closing early on its early-close days,
 * and where it breaks for lunch, trading in two parts.
 *
 * <p>Bars: intraday bars start at {@code open + k * tf} and end at the earlier of {@code start + tf} and the start
 * of the break (or the close); after a lunch break they start again at {@code breakEnd + k * tf}, the afternoon
 * open, and end at the earlier of {@code start + tf} and the close. So Tokyo's 1h bars start 09:00, 10:00, 11:00
 * (ending 11:30), 12:30, 13:30 and 14:30 (ending 15:30), as Yahoo's do. A bar never spans the break. The daily bar
 * starts at the open and ends at the close, over the break; an instant inside the break belongs to the day's bar
 * but to no intraday bar. On a morning-only day (an early close at or before the break) the session ends at the
 * early close and has no break.
 *
 * <p>Sessions are computed once per year (of the exchange's zone) and cached. The calendars of
 * {@link MarketCalendars} are immutable singletons; {@link MarketCalendars#forExchange(String)} lists them.
 */
public sealed class ExchangeCalendar implements MarketCalendar permits NyseCalendar {

    private static final int MAX_SEARCH_YEARS = 5;

    private final ExchangeSpec spec;
    private final ConcurrentHashMap<Integer, YearSessions> years = new ConcurrentHashMap<>();

    /** The year last looked up by instant; callers walk forward in time, so this saves the zone arithmetic. */
    private volatile YearSessions lastLookup;

    ExchangeCalendar(ExchangeSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ZoneId zone() {
        return spec.zone();
    }

    @Override
    public boolean isTradingDay(LocalDate date) {
        return year(date.getYear()).indexOf(date) >= 0;
    }

    @Override
    public Optional<Session> session(LocalDate date) {
        YearSessions y = year(date.getYear());
        int i = y.indexOf(date);
        return i < 0 ? Optional.empty() : Optional.of(y.session(i));
    }

    /** The weekdays of {@code year} on which the exchange is closed all day (holidays and closures), sorted. */
    public List<LocalDate> holidays(int year) {
        return year(year).holidays;
    }

    /** The days of {@code year} on which the exchange closes early, sorted. */
    public List<LocalDate> earlyCloses(int year) {
        return year(year).earlyCloses;
    }

    @Override
    public Optional<Instant> barStartContaining(Timeframe timeframe, Instant t) {
        long millis = t.toEpochMilli();
        YearSessions y = yearContaining(millis);
        int i = y.indexContaining(millis);
        if (i < 0) {
            return Optional.empty();
        }
        if (!timeframe.isIntraday()) {
            return Optional.of(Instant.ofEpochMilli(y.open[i]));
        }
        long m = timeframe.millis();
        if (millis < y.breakStart[i]) {
            return Optional.of(Instant.ofEpochMilli(y.open[i] + (millis - y.open[i]) / m * m));
        }
        if (millis < y.breakEnd[i]) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(y.breakEnd[i] + (millis - y.breakEnd[i]) / m * m));
    }

    @Override
    public boolean isAligned(Timeframe timeframe, Instant start) {
        if (start.getNano() % 1_000_000 != 0) {
            return false;
        }
        long millis = start.toEpochMilli();
        YearSessions y = yearContaining(millis);
        int i = y.indexContaining(millis);
        if (i < 0) {
            return false;
        }
        if (!timeframe.isIntraday()) {
            return millis == y.open[i];
        }
        long m = timeframe.millis();
        if (millis < y.breakStart[i]) {
            return (millis - y.open[i]) % m == 0;
        }
        return millis >= y.breakEnd[i] && (millis - y.breakEnd[i]) % m == 0;
    }

    @Override
    public Instant barEnd(Timeframe timeframe, Instant start) {
        if (!isAligned(timeframe, start)) {
            TradingHours h = spec.currentHours();
            String afternoon = h.hasBreak()
                    ? ", and at the " + h.breakEnd() + " afternoon open after the lunch break"
                    : "";
            throw new IllegalArgumentException("No " + name() + " " + timeframe.code() + " bar starts at " + start
                    + " (bars start at the " + h.open() + " " + zone().getId() + " open plus whole " + timeframe.code()
                    + " steps" + afternoon + ")");
        }
        long millis = start.toEpochMilli();
        YearSessions y = yearContaining(millis);
        int i = y.indexContaining(millis);
        if (!timeframe.isIntraday()) {
            return Instant.ofEpochMilli(y.close[i]);
        }
        long segmentEnd = millis < y.breakStart[i] ? y.breakStart[i] : y.close[i];
        return Instant.ofEpochMilli(Math.min(millis + timeframe.millis(), segmentEnd));
    }

    @Override
    public long[] expectedStarts(Timeframe timeframe, Instant startInclusive, Instant endExclusive) {
        long from = startInclusive.toEpochMilli();
        long to = endExclusive.toEpochMilli();
        LongArrayBuilder out = new LongArrayBuilder();
        if (from >= to) {
            return out.toArray();
        }
        long m = timeframe.millis();
        for (int year = yearContaining(from).year, last = yearContaining(to - 1).year; year <= last; year++) {
            YearSessions y = year(year);
            for (int i = y.firstClosingAfter(from); i < y.size() && y.open[i] < to; i++) {
                if (!timeframe.isIntraday()) {
                    if (y.open[i] >= from) {
                        out.add(y.open[i]);
                    }
                    continue;
                }
                addStarts(out, y.open[i], y.breakStart[i], from, to, m);
                addStarts(out, y.breakEnd[i], y.close[i], from, to, m);
            }
        }
        return out.toArray();
    }

    /** The starts {@code segmentOpen + k * m} before {@code segmentClose} that lie in {@code [from, to)}. */
    private static void addStarts(LongArrayBuilder out, long segmentOpen, long segmentClose, long from, long to,
            long m) {
        long s = segmentOpen >= from ? segmentOpen : segmentOpen + ceilDiv(from - segmentOpen, m) * m;
        for (long end = Math.min(segmentClose, to); s < end; s += m) {
            out.add(s);
        }
    }

    @Override
    public Instant nextBarStart(Timeframe timeframe, Instant t) {
        long millis = t.toEpochMilli();
        long m = timeframe.millis();
        int first = yearContaining(millis).year;
        for (int year = first; year <= first + MAX_SEARCH_YEARS; year++) {
            YearSessions y = year(year);
            for (int i = y.firstClosingAfter(millis); i < y.size(); i++) {
                if (millis <= y.open[i]) {
                    return Instant.ofEpochMilli(y.open[i]);
                }
                if (timeframe.isIntraday()) {
                    long s = firstStartFrom(y.open[i], y.breakStart[i], millis, m);
                    if (s == NONE) {
                        s = firstStartFrom(y.breakEnd[i], y.close[i], millis, m);
                    }
                    if (s != NONE) {
                        return Instant.ofEpochMilli(s);
                    }
                }
            }
        }
        throw new IllegalStateException("No " + name() + " " + timeframe.code() + " bar starts within "
                + MAX_SEARCH_YEARS + " years after " + t);
    }

    private static final long NONE = Long.MIN_VALUE;

    /** The first start {@code segmentOpen + k * m >= t} before {@code segmentClose}, or {@link #NONE}. */
    private static long firstStartFrom(long segmentOpen, long segmentClose, long t, long m) {
        long s = t <= segmentOpen ? segmentOpen : segmentOpen + ceilDiv(t - segmentOpen, m) * m;
        return s < segmentClose ? s : NONE;
    }

    @Override
    public String toString() {
        return name();
    }

    private YearSessions year(int year) {
        YearSessions y = years.get(year);
        return y != null ? y : years.computeIfAbsent(year, this::compute);
    }

    /** The sessions of the year (in the exchange's zone) that contains {@code millis}. */
    private YearSessions yearContaining(long millis) {
        YearSessions y = lastLookup;
        if (y == null || millis < y.fromMillis || millis >= y.toMillis) {
            y = year(Instant.ofEpochMilli(millis).atZone(zone()).getYear());
            lastLookup = y;
        }
        return y;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private YearSessions compute(int year) {
        ZoneId zone = zone();
        Set<LocalDate> closed = new TreeSet<>();
        for (LocalDate d : spec.holidays().dates(year)) {
            if (d.getYear() == year && !HolidayRule.isWeekend(d)) {
                closed.add(d);
            }
        }
        Predicate<LocalDate> trading = d -> d.getYear() == year && !HolidayRule.isWeekend(d) && !closed.contains(d);
        TreeSet<LocalDate> earlyDays = new TreeSet<>();
        for (LocalDate d : spec.earlyCloses().dates(year, trading)) {
            if (trading.test(d) && spec.hoursOn(d).earlyClose() != null) {
                earlyDays.add(d);
            }
        }
        int days = LocalDate.of(year, 12, 31).getDayOfYear();
        long[] day = new long[days];
        long[] open = new long[days];
        long[] breakStart = new long[days];
        long[] breakEnd = new long[days];
        long[] close = new long[days];
        boolean[] early = new boolean[days];
        int[] index = new int[days + 1];
        Arrays.fill(index, -1);
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (!trading.test(d)) {
                continue;
            }
            TradingHours h = spec.hoursOn(d);
            boolean isEarly = earlyDays.contains(d);
            LocalTime closeTime = isEarly ? h.earlyClose() : h.close();
            day[n] = d.toEpochDay();
            open[n] = millis(d, h.open(), zone);
            close[n] = millis(d, closeTime, zone);
            if (h.hasBreak() && closeTime.isAfter(h.breakEnd())) {
                breakStart[n] = millis(d, h.breakStart(), zone);
                breakEnd[n] = millis(d, h.breakEnd(), zone);
            } else {
                // no break: the morning part runs to the close and the afternoon part is empty
                breakStart[n] = close[n];
                breakEnd[n] = close[n];
            }
            early[n] = isEarly;
            index[d.getDayOfYear()] = n;
            n++;
        }
        return new YearSessions(year, millis(LocalDate.of(year, 1, 1), LocalTime.MIDNIGHT, zone),
                millis(LocalDate.of(year + 1, 1, 1), LocalTime.MIDNIGHT, zone), Arrays.copyOf(day, n),
                Arrays.copyOf(open, n),
                Arrays.copyOf(breakStart, n), Arrays.copyOf(breakEnd, n), Arrays.copyOf(close, n),
                Arrays.copyOf(early, n), index, List.copyOf(closed), List.copyOf(earlyDays));
    }

    private static long millis(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }

    /**
     * Every session of one year as parallel arrays, ascending, plus a day-of-year index for date lookups. A session
     * without a break has {@code breakStart == breakEnd == close}, so every session is a morning part
     * {@code [open, breakStart)} and a possibly empty afternoon part {@code [breakEnd, close)}.
     */
    private record YearSessions(int year, long fromMillis, long toMillis, long[] day, long[] open, long[] breakStart,
            long[] breakEnd, long[] close, boolean[] early, int[] indexByDayOfYear, List<LocalDate> holidays,
            List<LocalDate> earlyCloses) {

        int size() {
            return open.length;
        }

        int indexOf(LocalDate date) {
            return indexByDayOfYear[date.getDayOfYear()];
        }

        Session session(int i) {
            boolean hasBreak = breakStart[i] < breakEnd[i];
            return new Session(LocalDate.ofEpochDay(day[i]), Instant.ofEpochMilli(open[i]),
                    Instant.ofEpochMilli(close[i]), early[i], hasBreak ? Instant.ofEpochMilli(breakStart[i]) : null,
                    hasBreak ? Instant.ofEpochMilli(breakEnd[i]) : null);
        }

        /** The session with {@code open <= t < close}, or -1. */
        int indexContaining(long t) {
            int i = firstClosingAfter(t);
            return i < open.length && open[i] <= t ? i : -1;
        }

        /** The first session whose close is after {@code t} ({@code size()} when none). */
        int firstClosingAfter(long t) {
            int lo = 0;
            int hi = close.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (close[mid] > t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }
}
