package io.candlekeep.app.schedule;

import io.candlekeep.app.metrics.Memo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code candlekeep_schedule_last_success_age_seconds{schedule}}: how long ago each schedule last finished a run
 * without failing, on whichever instance ran it (NaN before its first success). A schedule whose age grows past its
 * interval has stopped running or keeps failing. The times are one query, made at most every {@link #TTL}.
 */
@Component
class ScheduleMetrics {

    static final Duration TTL = Duration.ofSeconds(5);

    private final Memo<Map<String, Instant>> lastSuccesses;
    private final Clock clock;

    ScheduleMetrics(MeterRegistry registry, List<ScheduledJob> jobs, ScheduleStateRepository states, Clock clock) {
        this.clock = clock;
        this.lastSuccesses = Memo.of(TTL, clock, states::lastSuccesses);
        for (ScheduledJob job : jobs) {
            Gauge.builder("candlekeep.schedule.last.success.age.seconds", this, m -> m.ageSeconds(job.id()))
                    .description("Seconds since the schedule last finished a run without failing")
                    .tag("schedule", job.id())
                    .register(registry);
        }
    }

    private double ageSeconds(String schedule) {
        Instant last = lastSuccesses.get().get(schedule);
        return last == null ? Double.NaN : Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
    }
}
