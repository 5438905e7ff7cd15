package io.candlekeep.app.provider;

import java.time.Duration;

/** Waits; injected so that tests move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(Duration)}; zero and negative durations return at once. */
    static Sleeper system() {
        return duration -> {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        };
    }
}
