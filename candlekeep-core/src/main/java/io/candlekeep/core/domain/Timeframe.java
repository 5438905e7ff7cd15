package io.candlekeep.core.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * The bar lengths Candlekeep keeps. Canonical codes are {@code 15m 1h 4h 1d}; the aliases
 * {@code m15 h1 h4 d1} are accepted on input.
 */
public enum Timeframe {
    M15("15m", "m15", Duration.ofMinutes(15)),
    H1("1h", "h1", Duration.ofHours(1)),
    H4("4h", "h4", Duration.ofHours(4)),
    D1("1d", "d1", Duration.ofDays(1));

    private final String code;
    private final String alias;
    private final Duration duration;
    private final long millis;

    Timeframe(String code, String alias, Duration duration) {
        this.code = code;
        this.alias = alias;
        this.duration = duration;
        this.millis = duration.toMillis();
    }

    /** Parses a canonical code or an alias, case-insensitively. */
    public static Timeframe of(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Timeframe tf : values()) {
                if (tf.code.equals(t) || tf.alias.equals(t)) {
                    return tf;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown timeframe '" + text + "': use one of 15m, 1h, 4h, 1d (or m15, h1, h4, d1)");
    }

    /** The canonical code, {@code 15m}, {@code 1h}, {@code 4h} or {@code 1d}. */
    public String code() {
        return code;
    }

    /** The nominal length; a session-aligned bar may be cut short by the session close. */
    public Duration duration() {
        return duration;
    }

    public long millis() {
        return millis;
    }

    public boolean isIntraday() {
        return this != D1;
    }

    @Override
    public String toString() {
        return code;
    }
}
