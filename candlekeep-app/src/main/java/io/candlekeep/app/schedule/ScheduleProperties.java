package io.candlekeep.app.schedule;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param intervals per schedule id ({@code live-refresh: 5m}); unset ids keep their defaults */
@ConfigurationProperties(prefix = "candlekeep.schedule")
public record ScheduleProperties(Map<String, Duration> intervals) {

    public ScheduleProperties {
        intervals = intervals == null ? Map.of() : Map.copyOf(intervals);
        intervals.forEach((id, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("candlekeep.schedule.intervals." + id + " must be > 0 but was " + d);
            }
        });
    }

    public Duration intervalOf(ScheduledJob job) {
        return intervals.getOrDefault(job.id(), job.defaultInterval());
    }
}
