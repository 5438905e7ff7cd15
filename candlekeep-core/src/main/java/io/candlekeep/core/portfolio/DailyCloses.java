package io.candlekeep.core.portfolio;

import io.candlekeep.core.domain.BarSeries;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * One symbol's (or currency pair's) daily closes as primitive arrays: {@code epochDay} strictly
 * increasing, {@code close} finite and positive. Days without a close are simply absent; readers that
 * need a close for every day carry the last one forward and say so ({@link DailyClose#carried()}).
 */
public final class DailyCloses {

    private static final DailyCloses EMPTY = new DailyCloses(new long[0], new double[0]);
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long MIN_DAY = LocalDate.MIN.toEpochDay();
    private static final long MAX_DAY = LocalDate.MAX.toEpochDay();

    private final long[] epochDay;
    private final double[] close;

    private DailyCloses(long[] epochDay, double[] close) {
        this.epochDay = epochDay;
        this.close = close;
    }

    public static DailyCloses empty() {
        return EMPTY;
    }

    /**
     * Copies and validates the arrays: same length, days (as {@link LocalDate#toEpochDay()}) strictly
     * increasing, closes finite and > 0.
     */
    public static DailyCloses of(long[] epochDays, double[] closes) {
        Checks.required(epochDays, "epochDays");
        Checks.required(closes, "closes");
        if (epochDays.length != closes.length) {
            throw new IllegalArgumentException("DailyCloses arrays differ in length: " + epochDays.length + " days, "
                    + closes.length + " closes");
        }
        for (int i = 0; i < epochDays.length; i++) {
            if (epochDays[i] < MIN_DAY || epochDays[i] > MAX_DAY) {
                throw new IllegalArgumentException("DailyCloses day at index " + i + " is outside the calendar: "
                        + epochDays[i]);
            }
            if (i > 0 && epochDays[i] <= epochDays[i - 1]) {
                throw new IllegalArgumentException("DailyCloses days must increase: "
                        + LocalDate.ofEpochDay(epochDays[i - 1]) + " then " + LocalDate.ofEpochDay(epochDays[i])
                        + " at index " + i);
            }
            if (!Double.isFinite(closes[i]) || closes[i] <= 0) {
                throw new IllegalArgumentException("DailyCloses close on " + LocalDate.ofEpochDay(epochDays[i])
                        + " must be finite and > 0, was " + closes[i]);
            }
        }
        return epochDays.length == 0 ? EMPTY : new DailyCloses(epochDays.clone(), closes.clone());
    }

    /**
     * The closes of daily bars, each keyed by the UTC date of its start. That is the trading date for the
     * calendars Candlekeep has: New York sessions open during the UTC day, the others start at 00:00 UTC.
     * A still-forming bar's close (the latest price) is included.
     */
    public static DailyCloses ofDailyBars(BarSeries bars) {
        long[] days = new long[bars.size()];
        double[] closes = new double[bars.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = Math.floorDiv(bars.startMillis(i), MILLIS_PER_DAY);
            closes[i] = bars.close(i);
        }
        return of(days, closes);
    }

    public int size() {
        return epochDay.length;
    }

    public long epochDay(int i) {
        return epochDay[i];
    }

    public double close(int i) {
        return close[i];
    }

    /** The close on {@code date}, else the last one before it (carried); empty when there is none on or before it. */
    public Optional<DailyClose> findCloseOnOrBefore(LocalDate date) {
        long day = date.toEpochDay();
        int i = indexOnOrBefore(day);
        return i < 0 ? Optional.empty()
                : Optional.of(new DailyClose(LocalDate.ofEpochDay(epochDay[i]), close[i], epochDay[i] != day));
    }

    /** Index of the last close on or before {@code day}; -1 when there is none. */
    int indexOnOrBefore(long day) {
        int i = Arrays.binarySearch(epochDay, day);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailyCloses c && Arrays.equals(epochDay, c.epochDay) && Arrays.equals(close, c.close);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epochDay) * 31 + Arrays.hashCode(close);
    }

    @Override
    public String toString() {
        return epochDay.length == 0 ? "DailyCloses[]" : "DailyCloses[" + epochDay.length + " closes "
                + LocalDate.ofEpochDay(epochDay[0]) + " .. " + LocalDate.ofEpochDay(epochDay[epochDay.length - 1]) + "]";
    }
}
