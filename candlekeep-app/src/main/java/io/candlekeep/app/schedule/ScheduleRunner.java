package io.candlekeep.app.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs one schedule: a start line, the work, a summary line, and the state monitoring shows. */
@Component
class ScheduleRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    private final ScheduleStateRepository states;
    private final Clock clock;

    ScheduleRunner(ScheduleStateRepository states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    void run(ScheduledJob job) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        states.started(job.id(), started);
        log.info("[SCHEDULER] {} started", job.title());
        String summary;
        int errors;
        boolean ok;
        try {
            ScheduledJob.Outcome outcome = job.run();
            summary = outcome.done();
            errors = outcome.errors();
            ok = true;
        } catch (RuntimeException e) {
            summary = "failed: " + e.getMessage();
            errors = 1;
            ok = false;
            log.warn("[SCHEDULER] {} failed", job.title(), e);
        }
        double seconds = Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0;
        String line = String.format(Locale.ROOT, "%s, %d errors in %.1f s", summary, errors, seconds);
        states.finished(job.id(), clock.instant(), line, errors, ok);
        log.info("[SCHEDULER] {} done: {}", job.title(), line);
    }
}
