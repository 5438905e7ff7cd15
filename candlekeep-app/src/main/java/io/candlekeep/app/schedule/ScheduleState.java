package io.candlekeep.app.schedule;

import java.time.Instant;

/** The last run of one schedule. */
public record ScheduleState(String name, Instant lastStarted, Instant lastFinished, String lastSummary, Integer lastErrors,
        Boolean lastOk, long runs) {
}
