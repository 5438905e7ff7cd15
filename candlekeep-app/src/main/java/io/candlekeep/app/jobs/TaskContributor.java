package io.candlekeep.app.jobs;

import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;

/** Contributes tasks that are built from other beans (one recurring task per schedule, say). */
public interface TaskContributor {

    List<Task<?>> tasks();
}
