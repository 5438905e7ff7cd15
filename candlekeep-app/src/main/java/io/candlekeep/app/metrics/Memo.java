package io.candlekeep.app.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value computed at most once per {@code ttl}: the figures behind several gauges cost one computation per ttl,
 * however often and by however many gauges they are read. A computation that throws is tried again on the next read.
 * Thread-safe; readers of an expired value wait for the one computation.
 */
public final class Memo<T> implements Supplier<T> {

    private final Duration ttl;
    private final Clock clock;
    private final Supplier<T> compute;
    private T value;
    private Instant computedAt;

    private Memo(Duration ttl, Clock clock, Supplier<T> compute) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    public static <T> Memo<T> of(Duration ttl, Clock clock, Supplier<T> compute) {
        return new Memo<>(Objects.requireNonNull(ttl, "ttl"), clock, compute);
    }

    /** The value computed within the last {@code ttl}, computing it now when there is none. */
    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        // a clock set back (a test's) counts as expired, not as a value from the future
        if (computedAt == null || now.isBefore(computedAt) || !now.isBefore(computedAt.plus(ttl))) {
            value = compute.get();
            computedAt = now;
        }
        return value;
    }
}
