package io.candlekeep.app.backfill;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.candlekeep.app.schedule.ScheduledJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The orchestrator schedule. The job engine claims queued slices by priority all the time and is woken
 * when new work appears; this tick ages waiting slices (DESIGN §4: low priority is never starved) and
 * nudges the engine to look for due work.
 */
@Component
class BackfillOrchestrator implements ScheduledJob {

    /** Priority a waiting slice gains per tick, up to {@link #AGED_CEILING}. */
    static final int AGE_STEP = 10;
    static final int AGED_CEILING = 1_000;

    private final JdbcClient jdbc;
    private final Scheduler scheduler;
    private final Clock clock;

    BackfillOrchestrator(JdbcClient jdbc, @Lazy Scheduler scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "orchestrator";
    }

    @Override
    public String title() {
        return "orchestrator";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Outcome run() {
        long waitingSince = clock.instant().minus(defaultInterval()).toEpochMilli();
        int aged = jdbc.sql("""
                UPDATE scheduled_tasks
                   SET priority = CASE WHEN priority + :step < :ceiling THEN priority + :step ELSE :ceiling END
                 WHERE task_name = :task AND picked = FALSE AND priority < :ceiling AND execution_time < :since
                """)
                .param("step", AGE_STEP)
                .param("ceiling", AGED_CEILING)
                .param("task", BackfillTasks.SLICE_TASK)
                .param("since", new Timestamp(waitingSince))
                .update();
        Integer queued = jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?")
                .param(BackfillTasks.SLICE_TASK).query(Integer.class).single();
        scheduler.triggerCheckForDueExecutions();
        return Outcome.of(queued + " slices queued, " + aged + " aged", 0);
    }
}
