package io.candlekeep.app.tracking;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable task that plans a tracking request's jobs once the request is answered. */
@Configuration(proxyBeanMethods = false)
class TrackingTasks {

    /** How long a failed plan (the database away, say) waits before it runs again; doubled at each failure. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @Bean
    CustomTask<InterestPlan> planInterestTask(InterestPlanner planner) {
        return Tasks.custom(InterestPlan.DESCRIPTOR)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(RETRY_AFTER, 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    planner.plan(instance.getData().symbolList());
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
