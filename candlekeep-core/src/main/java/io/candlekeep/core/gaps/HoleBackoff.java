package io.candlekeep.core.gaps;

import java.time.Duration;
import java.time.Instant;

/**
 * When to ask again for a range the provider reported empty: after {@code initial}, then twice as long
 * after each further empty answer, never longer than {@code max} (DESIGN §6 rule 4: "retried with
 * backoff, not every tick").
 */
public record HoleBackoff(Duration initial, Duration max) {

    public HoleBackoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be > 0 but was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must be >= initial (" + initial + ") but was " + max);
        }
    }

    public static HoleBackoff defaults() {
        return new HoleBackoff(Duration.ofHours(6), Duration.ofDays(30));
    }

    /** The next attempt after the {@code attempts}-th empty answer (1 for the first) seen at {@code now}. */
    public Instant nextAttempt(int attempts, Instant now) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
        }
        long factor = 1L << Math.min(attempts - 1, 30);
        Duration wait = initial.toSeconds() > max.toSeconds() / factor ? max : initial.multipliedBy(factor);
        return now.plus(wait.compareTo(max) > 0 ? max : wait);
    }
}
