package io.candlekeep.app.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Builds the db-scheduler {@link Scheduler} from every {@link Task} bean and runs it with the application. */
@Configuration(proxyBeanMethods = false)
class JobEngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobEngineConfiguration.class);

    /**
     * The engine sees the data source through a transaction-aware proxy, so scheduling inside a Spring
     * transaction joins it (a job and its slices commit together); outside one it behaves as before.
     */
    @Bean
    Scheduler scheduler(DataSource dataSource, List<Task<?>> taskBeans, List<TaskContributor> contributors,
            JobEngineProperties props, Clock clock) {
        List<Task<?>> tasks = new ArrayList<>(taskBeans);
        contributors.forEach(c -> tasks.addAll(c.tasks()));
        List<RecurringTask<?>> recurring = tasks.stream()
                .filter(t -> t instanceof RecurringTask<?>).<RecurringTask<?>>map(t -> (RecurringTask<?>) t).toList();
        List<Task<?>> oneTime = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
        CheckAgainAfterCommit checkAgainAfterCommit = new CheckAgainAfterCommit();
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), oneTime)
                .startTasks(recurring)
                .clock(clock::instant)
                .threads(props.threads())
                .pollingInterval(props.pollInterval())
                .schedulerName(new SchedulerName.Fixed(props.instance()))
                .heartbeatInterval(props.heartbeatInterval())
                .missedHeartbeatsLimit(props.missedHeartbeatsLimit())
                .enablePriority()
                .enableImmediateExecution()
                .addSchedulerListener(checkAgainAfterCommit)
                .alwaysPersistTimestampInUTC();
        // Several instances share PostgreSQL: each claims due executions with SELECT ... FOR UPDATE SKIP LOCKED, so a
        // slice is picked by exactly one. SQLite has one writer and one instance, where fetch-then-pick is enough.
        if (isPostgres(dataSource)) {
            builder.pollUsingLockAndFetch(0.5, 1.0);
        } else {
            builder.pollUsingFetch(0.5, 2.0);
        }
        Scheduler scheduler = builder.build();
        checkAgainAfterCommit.scheduler = scheduler;
        return scheduler;
    }

    /**
     * Executions scheduled inside a Spring transaction (a plan and its slices commit together) are invisible to the
     * engine until it commits, but the immediate check that scheduling triggers looks at once. On SQLite that check
     * waits for the single writer connection and so sees them; on PostgreSQL it finds nothing, and the slices would
     * wait for the next poll (for ever, under a clock that stands still). Looking again after the commit starts them
     * at once on both.
     */
    private static final class CheckAgainAfterCommit extends AbstractSchedulerListener
            implements TransactionSynchronization {

        private volatile Scheduler scheduler;

        @Override
        public void onExecutionScheduled(TaskInstanceId id, Instant executionTime) {
            if (TransactionSynchronizationManager.isSynchronizationActive()
                    && !TransactionSynchronizationManager.getSynchronizations().contains(this)) {
                TransactionSynchronizationManager.registerSynchronization(this);
            }
        }

        @Override
        public void afterCommit() {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    @Bean
    SmartLifecycle jobEngineLifecycle(Scheduler scheduler, DataSource dataSource, List<TaskContributor> contributors,
            JobEngineProperties props, Clock clock) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                releaseOrphanedPicks(dataSource);
                alignRecurringPriorities(dataSource, contributors);
                runRecurringAtStart(scheduler, contributors, clock);
                scheduler.start();
                running = true;
                log.info("[JOBS] job engine started as {}: {} threads, heartbeat every {} ms, an execution without one "
                        + "for {} ms is run again", props.instance(), props.threads(),
                        props.heartbeatInterval().toMillis(), props.deadAfter().toMillis());
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
                log.info("[JOBS] job engine stopped");
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    /**
     * Every schedule runs at T+0 of every start, not only the first: what a stopped process left scheduled
     * for later is moved to now. (A schedule seen for the first time starts now anyway.) A schedule another
     * instance is running at this moment is that run's business, and so is one another instance changed between
     * this start's read and its write (it started at the same moment and moved it, or ran it): this start does not
     * fail on either.
     */
    static void runRecurringAtStart(SchedulerClient scheduler, List<TaskContributor> contributors, Clock clock) {
        for (TaskContributor contributor : contributors) {
            for (Task<?> task : contributor.tasks()) {
                if (task instanceof RecurringTask<?>) {
                    TaskInstanceId id = TaskInstanceId.of(task.getName(), RecurringTask.INSTANCE);
                    scheduler.getScheduledExecution(id).filter(e -> !e.isPicked()).ifPresent(e -> {
                        try {
                            scheduler.reschedule(id, clock.instant());
                        } catch (TaskInstanceCurrentlyExecutingException | ExecutionException takenMeanwhile) {
                            log.debug("[JOBS] {} was picked or moved by another instance meanwhile", task.getName());
                        }
                    });
                }
            }
        }
    }

    /**
     * db-scheduler writes a task's priority when it first schedules it; a recurring execution created by an older
     * version keeps the priority it had then, so it is brought to the task's current one here.
     */
    static void alignRecurringPriorities(DataSource dataSource, List<TaskContributor> contributors) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (TaskContributor contributor : contributors) {
            for (Task<?> task : contributor.tasks()) {
                if (task instanceof RecurringTask<?>) {
                    jdbc.sql("""
                            UPDATE scheduled_tasks SET priority = :priority
                             WHERE task_name = :name AND task_instance = :instance
                               AND (priority IS NULL OR priority <> :priority)
                            """)
                            .param("priority", task.getDefaultPriority())
                            .param("name", task.getName())
                            .param("instance", RecurringTask.INSTANCE)
                            .update();
                }
            }
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database before starting the job engine", e);
        }
    }

    /**
     * SQLite has one instance by design, so anything still picked belongs to a process that died; release
     * it so the slice resumes now instead of after the dead-execution timeout.
     */
    private static void releaseOrphanedPicks(DataSource dataSource) {
        if (isPostgres(dataSource)) {
            // other instances may be running these; db-scheduler frees those of a dead one after missed heartbeats
            return;
        }
        int released = JdbcClient.create(dataSource)
                .sql("UPDATE scheduled_tasks SET picked = 0, picked_by = NULL, last_heartbeat = NULL WHERE picked = 1")
                .update();
        if (released > 0) {
            log.info("[JOBS] resumed {} executions a stopped process had picked", released);
        }
    }
}
