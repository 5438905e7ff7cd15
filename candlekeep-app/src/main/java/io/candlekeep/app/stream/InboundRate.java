package io.candlekeep.app.stream;

import java.time.Clock;

/**
 * A token bucket over what one client sends: {@code perSecond} messages a second, in bursts of as many. Used by the
 * connection's receiving thread only.
 */
final class InboundRate {

    private final int perSecond;
    private final Clock clock;
    private double tokens;
    private long refilledAtNanos;

    InboundRate(int perSecond, Clock clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be >= 1 but was " + perSecond);
        }
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.refilledAtNanos = nanos();
    }

    /** Whether one more message is within the rate; takes its token when it is. */
    synchronized boolean tryTake() {
        long now = nanos();
        tokens = Math.min(perSecond, tokens + (now - refilledAtNanos) * perSecond / 1e9);
        refilledAtNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    int perSecond() {
        return perSecond;
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
