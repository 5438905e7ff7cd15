package io.candlekeep.app.schedule;

import io.candlekeep.app.health.HealthDegraded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When health degrades, the gap fill runs now instead of on its weekly tick. */
@Component
class GapFillOnDegraded {

    private static final Logger log = LoggerFactory.getLogger(GapFillOnDegraded.class);

    private final ScheduleService schedules;

    GapFillOnDegraded(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @EventListener
    void on(HealthDegraded event) {
        boolean queued = schedules.runNow("gap-fill");
        log.info("[SCHEDULER] gap fill {} after a degraded health check", queued ? "brought forward" : "already running");
    }
}
