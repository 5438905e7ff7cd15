package io.candlekeep.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar. {@code start} is a UTC instant; whether it sits on its series' grid is checked by
 * the series' calendar ({@code MarketCalendar.isAligned}), because a session-aligned 1h bar starts at
 * 09:30 New York, not on the hour. Every supported grid is a multiple of 15 minutes from the epoch,
 * which the constructor checks. A bar that is not {@code isFinal} is still forming.
 */
public record Bar(Instant start, double open, double high, double low, double close, double volume, boolean isFinal) {

    /** Every supported bar grid (epoch or session aligned) lies on this one. */
    public static final long GRID_MILLIS = 15 * 60_000L;

    public Bar {
        Objects.requireNonNull(start, "start");
        if (start.toEpochMilli() % GRID_MILLIS != 0 || start.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("Bar start " + start + " is not on the 15-minute grid");
        }
        if (!(Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close))) {
            throw new IllegalArgumentException("Bar at " + start + " has a non-finite price: open=" + open
                    + " high=" + high + " low=" + low + " close=" + close);
        }
        if (low > open || low > close || high < open || high < close || low > high) {
            throw new IllegalArgumentException("Bar at " + start + " is inconsistent: need low <= open, close <= high but open="
                    + open + " high=" + high + " low=" + low + " close=" + close);
        }
        if (!(volume >= 0) || Double.isInfinite(volume)) {
            throw new IllegalArgumentException("Bar at " + start + " has volume " + volume + "; it must be >= 0");
        }
    }

    public static Bar of(Instant start, double open, double high, double low, double close, double volume, boolean isFinal) {
        return new Bar(start, open, high, low, close, volume, isFinal);
    }

    public long startMillis() {
        return start.toEpochMilli();
    }

    public Bar withFinal(boolean isFinal) {
        return new Bar(start, open, high, low, close, volume, isFinal);
    }

    /**
     * Whether this bar, written over {@code stored} (same start), takes its place: every store keeps a final bar
     * against a forming one, whatever arrives later.
     */
    public boolean replaces(Bar stored) {
        return isFinal || !stored.isFinal();
    }
}
