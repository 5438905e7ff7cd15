package io.candlekeep.app.schedule;

import java.time.Duration;

/** One recurring piece of the autonomous loop. Implementations live in the feature that owns the work. */
public interface ScheduledJob {

    /** Stable id, also the task name and the configuration key: {@code live-refresh}, {@code gap-fill}, ... */
    String id();

    /** Words for the log: {@code historical sync}. */
    String title();

    /** The interval unless {@code candlekeep.schedule.intervals.<id>} says otherwise. */
    Duration defaultInterval();

    /** Does the work once and says what it did. Exceptions count as one error. */
    Outcome run();

    /**
     * What one run did, in words for the summary line ("15 symbols updated") and a count of errors.
     */
    record Outcome(String done, int errors) {
        public static Outcome of(String done, int errors) {
            return new Outcome(done, errors);
        }
    }
}
