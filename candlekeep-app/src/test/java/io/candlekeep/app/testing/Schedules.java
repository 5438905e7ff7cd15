package io.candlekeep.app.testing;

import io.candlekeep.app.schedule.ScheduleService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Runs a schedule now and waits for that run, for applications on the system clock. */
public final class Schedules {

    private Schedules() {
    }

    /**
     * Brings the next run of {@code id} forward and waits until a run that started after this call has finished
     * (one already under way is not it: it may have read the data before the test changed it).
     */
    public static ScheduleService.Status runAndAwait(ScheduleService schedules, String id) {
        Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ScheduleService.Status[] last = {null};
        Eventually.await(Duration.ofSeconds(60), () -> "a run of " + id + " started after " + asked + "; last seen "
                + last[0], () -> {
            ScheduleService.Status s = schedules.status(id);
            last[0] = s;
            boolean startedSince = s.lastStarted() != null && !s.lastStarted().isBefore(asked);
            if (!startedSince) {
                // only until a run has started: asked again as that run ends, it would run once more
                schedules.runNow(id);
                return false;
            }
            return s.lastFinished() != null && !s.lastFinished().isBefore(s.lastStarted()) && !s.running();
        });
        return last[0];
    }
}
