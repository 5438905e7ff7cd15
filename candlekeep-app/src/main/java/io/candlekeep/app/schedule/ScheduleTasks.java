package io.candlekeep.app.schedule;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.candlekeep.app.jobs.TaskContributor;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * One durable recurring task per {@link ScheduledJob}. A fixed delay counts from the end of the previous
 * run, and one execution per task exists, so a schedule never overlaps itself.
 */
@Component
class ScheduleTasks implements TaskContributor {

    /**
     * Above every backfill slice, however aged (they reach 1,000): a schedule due while thousands of slices wait
     * takes the next free worker instead of waiting for the backfill to end.
     */
    static final int PRIORITY = 10_000;

    private final List<Task<?>> tasks;

    ScheduleTasks(List<ScheduledJob> jobs, ScheduleRunner runner, ScheduleProperties props) {
        this.tasks = jobs.stream()
                .<Task<?>>map(job -> Tasks.recurring(job.id(), FixedDelay.of(props.intervalOf(job)))
                        .defaultPriority(PRIORITY)
                        .execute((instance, context) -> runner.run(job)))
                .toList();
    }

    @Override
    public List<Task<?>> tasks() {
        return tasks;
    }
}
