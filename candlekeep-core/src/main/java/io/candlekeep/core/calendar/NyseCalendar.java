package io.candlekeep.core.calendar;

import io.candlekeep.core.domain.Timeframe;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The New York Stock Exchange: sessions 09:30–16:00 America/New_York, 13:00 on early-close days, DST handled by
 * computing in that zone. Holidays follow the exchange's rules for any year (NYSE Rule 7.2): New Year's Day,
 * Martin Luther King Jr. Day (from 1998), Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022),
 * Independence Day, Labor Day, Thanksgiving and Christmas; a holiday on a Saturday is observed the Friday before
 * and on a Sunday the Monday after, except that New Year's Day on a Saturday is not observed at all. Early closes
 * fall on July 3, the day after Thanksgiving and December 24 when those are trading weekdays. Closures the
 * exchange announced for events (9/11, Hurricane Sandy, days of mourning since 2001) follow no rule and are
 * listed. The rules are the current ones, so years before 1998 may differ from history.
 *
 * <p>Intraday bars start at {@code open + k * tf} while before the close and end at the earlier of
 * {@code start + tf} and the close (1h bars 09:30 … 15:30, the last one 30 minutes; 4h bars 09:30 and 13:30).
 * The daily bar starts at the open and ends at the close. Sessions are computed once per year and cached.
 * Obtain it from {@link MarketCalendars#nyse()}.
 */
public final class NyseCalendar implements MarketCalendar {

    static final NyseCalendar INSTANCE = new NyseCalendar();

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    private static final int MAX_SEARCH_YEARS = 5;

    /** Closures announced for events; no rule produces them. */
    private static final Set<LocalDate> UNSCHEDULED_CLOSURES = Set.of(
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14), // September 11 attacks
            LocalDate.of(2004, 6, 11), // President Reagan
            LocalDate.of(2007, 1, 2), // President Ford
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30), // Hurricane Sandy
            LocalDate.of(2018, 12, 5), // President George H. W. Bush
            LocalDate.of(2025, 1, 9)); // President Carter

    private final ConcurrentHashMap<Integer, YearSessions> years = new ConcurrentHashMap<>();

    private NyseCalendar() {
    }

    @Override
    public String name() {
        return "NYSE";
    }

    @Override
    public ZoneId zone() {
        return ZONE;
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

    /** The weekdays of {@code year} on which the exchange is closed all day (observed holidays and closures), sorted. */
    public List<LocalDate> holidays(int year) {
        return year(year).holidays;
    }

    /** The days of {@code year} on which the exchange closes at 13:00, sorted. */
    public List<LocalDate> earlyCloses(int year) {
        return year(year).earlyCloses;
    }

    @Override
    public Optional<Instant> barStartContaining(Timeframe timeframe, Instant t) {
        long millis = t.toEpochMilli();
        YearSessions y = year(utcYear(millis));
        int i = y.indexContaining(millis);
        if (i < 0) {
            return Optional.empty();
        }
        long open = y.open[i];
        if (!timeframe.isIntraday()) {
            return Optional.of(Instant.ofEpochMilli(open));
        }
        long m = timeframe.millis();
        return Optional.of(Instant.ofEpochMilli(open + (millis - open) / m * m));
    }

    @Override
    public boolean isAligned(Timeframe timeframe, Instant start) {
        if (start.getNano() % 1_000_000 != 0) {
            return false;
        }
        long millis = start.toEpochMilli();
        YearSessions y = year(utcYear(millis));
        int i = y.indexContaining(millis);
        return i >= 0 && (timeframe.isIntraday() ? (millis - y.open[i]) % timeframe.millis() == 0 : millis == y.open[i]);
    }

    @Override
    public Instant barEnd(Timeframe timeframe, Instant start) {
        if (!isAligned(timeframe, start)) {
            throw new IllegalArgumentException("No NYSE " + timeframe.code() + " bar starts at " + start
                    + " (bars start at the 09:30 New York open plus whole " + timeframe.code() + " steps)");
        }
        long millis = start.toEpochMilli();
        YearSessions y = year(utcYear(millis));
        long close = y.close[y.indexContaining(millis)];
        return Instant.ofEpochMilli(timeframe.isIntraday() ? Math.min(millis + timeframe.millis(), close) : close);
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
        for (int year = utcYear(from), last = utcYear(to - 1); year <= last; year++) {
            YearSessions y = year(year);
            for (int i = y.firstClosingAfter(from); i < y.size() && y.open[i] < to; i++) {
                long open = y.open[i];
                if (!timeframe.isIntraday()) {
                    if (open >= from) {
                        out.add(open);
                    }
                    continue;
                }
                long s = open >= from ? open : open + ceilDiv(from - open, m) * m;
                for (long end = Math.min(y.close[i], to); s < end; s += m) {
                    out.add(s);
                }
            }
        }
        return out.toArray();
    }

    @Override
    public Instant nextBarStart(Timeframe timeframe, Instant t) {
        long millis = t.toEpochMilli();
        long m = timeframe.millis();
        int first = utcYear(millis);
        for (int year = first; year <= first + MAX_SEARCH_YEARS; year++) {
            YearSessions y = year(year);
            for (int i = y.firstClosingAfter(millis); i < y.size(); i++) {
                long open = y.open[i];
                if (millis <= open) {
                    return Instant.ofEpochMilli(open);
                }
                if (timeframe.isIntraday()) {
                    long s = open + ceilDiv(millis - open, m) * m;
                    if (s < y.close[i]) {
                        return Instant.ofEpochMilli(s);
                    }
                }
            }
        }
        throw new IllegalStateException("No NYSE " + timeframe.code() + " bar starts within " + MAX_SEARCH_YEARS
                + " years after " + t);
    }

    @Override
    public String toString() {
        return name();
    }

    private YearSessions year(int year) {
        YearSessions y = years.get(year);
        return y != null ? y : years.computeIfAbsent(year, YearSessions::compute);
    }

    /** Sessions run 13:30Z–21:00Z, so a session's UTC date is its New York date. */
    private static int utcYear(long millis) {
        return LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L)).getYear();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Every session of one year as parallel arrays, ascending, plus a day-of-year index for date lookups. */
    private static final class YearSessions {
        private final int year;
        private final long[] open;
        private final long[] close;
        private final boolean[] early;
        private final int[] indexByDayOfYear;
        private final List<LocalDate> holidays;
        private final List<LocalDate> earlyCloses;

        private YearSessions(int year, long[] open, long[] close, boolean[] early, int[] indexByDayOfYear,
                List<LocalDate> holidays, List<LocalDate> earlyCloses) {
            this.year = year;
            this.open = open;
            this.close = close;
            this.early = early;
            this.indexByDayOfYear = indexByDayOfYear;
            this.holidays = holidays;
            this.earlyCloses = earlyCloses;
        }

        static YearSessions compute(int year) {
            Set<LocalDate> closed = closures(year);
            Set<LocalDate> earlyDays = new TreeSet<>();
            for (LocalDate d : List.of(LocalDate.of(year, 7, 3), thanksgiving(year).plusDays(1),
                    LocalDate.of(year, 12, 24))) {
                if (!isWeekend(d) && !closed.contains(d)) {
                    earlyDays.add(d);
                }
            }
            int days = LocalDate.of(year, 12, 31).getDayOfYear();
            long[] open = new long[days];
            long[] close = new long[days];
            boolean[] early = new boolean[days];
            int[] index = new int[days + 1];
            Arrays.fill(index, -1);
            int n = 0;
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                if (isWeekend(d) || closed.contains(d)) {
                    continue;
                }
                boolean isEarly = earlyDays.contains(d);
                open[n] = d.atTime(OPEN).atZone(ZONE).toInstant().toEpochMilli();
                close[n] = d.atTime(isEarly ? EARLY_CLOSE : CLOSE).atZone(ZONE).toInstant().toEpochMilli();
                early[n] = isEarly;
                index[d.getDayOfYear()] = n;
                n++;
            }
            return new YearSessions(year, Arrays.copyOf(open, n), Arrays.copyOf(close, n), Arrays.copyOf(early, n),
                    index, List.copyOf(closed), List.copyOf(earlyDays));
        }

        int size() {
            return open.length;
        }

        int indexOf(LocalDate date) {
            return indexByDayOfYear[date.getDayOfYear()];
        }

        Session session(int i) {
            return new Session(LocalDate.ofYearDay(year, dayOfYear(i)), Instant.ofEpochMilli(open[i]),
                    Instant.ofEpochMilli(close[i]), early[i]);
        }

        private int dayOfYear(int i) {
            return Instant.ofEpochMilli(open[i]).atZone(ZONE).getDayOfYear();
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

    /** The weekdays of {@code year} with no session, sorted. */
    private static Set<LocalDate> closures(int year) {
        TreeSet<LocalDate> closed = new TreeSet<>();
        LocalDate newYear = LocalDate.of(year, 1, 1);
        // Rule 7.2: New Year's Day on a Saturday is not moved to the Friday before, which ends the prior year.
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            closed.add(observed(newYear));
        }
        if (year >= 1998) {
            closed.add(nthWeekday(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        }
        closed.add(nthWeekday(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        closed.add(easterSunday(year).minusDays(2));
        closed.add(LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2022) {
            closed.add(observed(LocalDate.of(year, 6, 19)));
        }
        closed.add(observed(LocalDate.of(year, 7, 4)));
        closed.add(nthWeekday(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        closed.add(thanksgiving(year));
        closed.add(observed(LocalDate.of(year, 12, 25)));
        for (LocalDate d : UNSCHEDULED_CLOSURES) {
            if (d.getYear() == year) {
                closed.add(d);
            }
        }
        return closed;
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate thanksgiving(int year) {
        return nthWeekday(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
    }

    private static LocalDate nthWeekday(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
