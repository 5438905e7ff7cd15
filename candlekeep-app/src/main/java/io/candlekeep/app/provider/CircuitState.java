package io.candlekeep.app.provider;

/** The state of a provider's circuit breaker, as health and monitoring report it. */
public enum CircuitState {
    /** Calls go through. */
    CLOSED,
    /** Too many recent calls failed; calls are answered {@code Failed} without reaching the provider. */
    OPEN,
    /** The wait is over; a few trial calls decide between CLOSED and OPEN. */
    HALF_OPEN,
    /** The breaker does not act (switched off or only counting). */
    DISABLED;

    /** As the circuit-state gauge shows it: 0 calls go through (closed, or no breaker acting), 1 half-open, 2 open. */
    public int level() {
        return switch (this) {
            case CLOSED, DISABLED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
