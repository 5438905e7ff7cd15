package io.candlekeep.app.provider.binance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Binance's request-weight budget as this process sees it. Binance counts weight per IP in windows of one UTC minute
 * and reports the running total in {@code X-MBX-USED-WEIGHT-1M} on every answer; going over earns a 429, and going on
 * after 429s an IP ban (418) of 2 minutes to 3 days. So a request is not sent when the minute's weight, as last
 * reported plus what this process sent since, would pass the budget (the limit less a safety margin): the caller hears
 * "rate limited" with the time left in the minute instead. A 429 or 418 closes the gate for its {@code Retry-After}.
 * Thread-safe.
 */
final class BinanceWeightGate {

    private static final long MINUTE_MILLIS = 60_000L;

    private final int budget;
    private long minute = Long.MIN_VALUE;
    private int used;
    private Instant closedUntil = Instant.MIN;

    BinanceWeightGate(int budgetPerMinute) {
        if (budgetPerMinute < 1) {
            throw new IllegalArgumentException("budgetPerMinute must be >= 1 but was " + budgetPerMinute);
        }
        this.budget = budgetPerMinute;
    }

    /**
     * Takes {@code weight} from this minute's budget when it fits, answering empty; else leaves the budget as it is and
     * answers how long to wait: until the next minute, or until a {@code Retry-After} has passed.
     */
    synchronized Optional<Duration> tryReserve(int weight, Instant now) {
        Objects.requireNonNull(now, "now");
        if (now.isBefore(closedUntil)) {
            return Optional.of(Duration.between(now, closedUntil));
        }
        roll(now);
        if (used + weight > budget) {
            return Optional.of(untilNextMinute(now));
        }
        used += weight;
        return Optional.empty();
    }

    /**
     * What Binance reported as used in the minute of {@code at}. The higher of it and this process's own count stands:
     * the header includes other programs on the same IP, the own count requests whose answers are still on the way.
     */
    synchronized void observeUsed(int usedWeight, Instant at) {
        long m = Math.floorDiv(at.toEpochMilli(), MINUTE_MILLIS);
        if (m < minute) {
            return;
        }
        roll(at);
        used = Math.max(used, usedWeight);
    }

    /** Closes the gate until {@code now + wait} (a 429's or 418's {@code Retry-After}); never shortens a longer close. */
    synchronized void closeFor(Duration wait, Instant now) {
        Instant until = now.plus(wait);
        if (until.isAfter(closedUntil)) {
            closedUntil = until;
        }
    }

    /** The weight counted in the current minute, for tests and logs. */
    synchronized int used(Instant now) {
        roll(now);
        return used;
    }

    static Duration untilNextMinute(Instant now) {
        long millis = now.toEpochMilli();
        long next = (Math.floorDiv(millis, MINUTE_MILLIS) + 1) * MINUTE_MILLIS;
        return Duration.ofMillis(next - millis);
    }

    private void roll(Instant now) {
        long m = Math.floorDiv(now.toEpochMilli(), MINUTE_MILLIS);
        if (m != minute) {
            minute = m;
            used = 0;
        }
    }
}
