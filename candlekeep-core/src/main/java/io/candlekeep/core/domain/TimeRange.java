package io.candlekeep.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [startInclusive, endExclusive)}. */
public record TimeRange(Instant startInclusive, Instant endExclusive) {

    public TimeRange {
        Objects.requireNonNull(startInclusive, "startInclusive");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (endExclusive.isBefore(startInclusive)) {
            throw new IllegalArgumentException("Range end " + endExclusive + " is before its start " + startInclusive);
        }
    }

    public static TimeRange of(Instant startInclusive, Instant endExclusive) {
        return new TimeRange(startInclusive, endExclusive);
    }

    public boolean isEmpty() {
        return startInclusive.equals(endExclusive);
    }

    public Duration length() {
        return Duration.between(startInclusive, endExclusive);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(startInclusive) && t.isBefore(endExclusive);
    }

    @Override
    public String toString() {
        return "[" + startInclusive + ", " + endExclusive + ")";
    }
}
