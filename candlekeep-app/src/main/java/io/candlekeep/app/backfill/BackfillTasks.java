package io.candlekeep.app.backfill;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable task that runs one backfill slice. */
@Configuration(proxyBeanMethods = false)
class BackfillTasks {

    static final String SLICE_TASK = "backfill-slice";

    @Bean
    CustomTask<SliceTask> backfillSliceTask(SliceRunner runner) {
        return Tasks.custom(SLICE_TASK, SliceTask.class)
                // only an unexpected exception (a bug, the database gone) lands here: provider faults are values
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> runner.run(instance.getData()));
    }
}
