package io.candlekeep.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.candlekeep.app.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the job engine does at each start, before it runs anything; several instances may be starting at once. */
final class JobEngineConfigurationIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase db;
    private JdbcClient jdbc;
    private final RecurringTask<Void> tick = Tasks.recurring("tick", FixedDelay.of(Duration.ofHours(1)))
            .defaultPriority(10_000).execute((instance, context) -> { });
    private final List<TaskContributor> contributors = List.of(() -> List.<Task<?>>of(tick));
    private Scheduler scheduler;

    @BeforeEach
    void open() {
        db = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        jdbc = JdbcClient.create(db.writer());
        scheduler = Scheduler.create(db.writer()).clock(() -> NOW).build();
        scheduler.schedule(tick.instance(RecurringTask.INSTANCE), NOW.plus(Duration.ofMinutes(30)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void runRecurringAtStart_scheduleAnotherInstanceIsRunning_isLeftToThatRun() {
        jdbc.sql("UPDATE scheduled_tasks SET picked = 1, picked_by = 'other#1' WHERE task_name = 'tick'").update();

        JobEngineConfiguration.runRecurringAtStart(scheduler, contributors, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("tick", RecurringTask.INSTANCE)).orElseThrow()
                .getPickedBy()).isEqualTo("other#1");
    }

    /**
     * Three instances starting at once: another one moves the schedule between this start's read and its write, so
     * db-scheduler finds the execution changed (its version) and refuses the write. The start goes on with the next
     * schedule instead of failing.
     */
    @Test
    void runRecurringAtStart_scheduleChangedByAnotherInstanceMeanwhile_isLeftToItAndTheRestRunNow() {
        RecurringTask<Void> tock = Tasks.recurring("tock", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> { });
        scheduler.schedule(tock.instance(RecurringTask.INSTANCE), NOW.plus(Duration.ofMinutes(30)));
        Instant otherStart = NOW.minusSeconds(1);
        SchedulerClient racing = (SchedulerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SchedulerClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reschedule") && args[0] instanceof TaskInstanceId id
                            && id.getTaskName().equals("tick")) {
                        // the other instance's start writes first; this one's write then finds a newer version
                        scheduler.reschedule(id, otherStart);
                        throw new ExecutionException("Expected one execution to be updated, but updated 0.",
                                id.getTaskName(), id.getId(), 1);
                    }
                    try {
                        return method.invoke(scheduler, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<TaskContributor> both = List.of(() -> List.<Task<?>>of(tick, tock));

        JobEngineConfiguration.runRecurringAtStart(racing, both, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("tick", RecurringTask.INSTANCE)).orElseThrow()
                .getExecutionTime()).as("as the other instance left it").isEqualTo(otherStart);
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("tock", RecurringTask.INSTANCE)).orElseThrow()
                .getExecutionTime()).isEqualTo(NOW);
    }

    @Test
    void runRecurringAtStart_scheduleWaiting_runsNow() {
        JobEngineConfiguration.runRecurringAtStart(scheduler, contributors, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("tick", RecurringTask.INSTANCE)).orElseThrow()
                .getExecutionTime()).isEqualTo(NOW);
    }

    @Test
    void alignRecurringPriorities_executionScheduledWithAnOlderPriority_takesTheTasksPriority() {
        jdbc.sql("UPDATE scheduled_tasks SET priority = 90 WHERE task_name = 'tick'").update();

        JobEngineConfiguration.alignRecurringPriorities(db.writer(), contributors);

        assertThat(jdbc.sql("SELECT priority FROM scheduled_tasks WHERE task_name = 'tick'").query(Integer.class).single())
                .isEqualTo(10_000);
    }

    @Test
    void properties_fewerThanFourMissedHeartbeats_areRefused() {
        assertThatThrownBy(() -> new JobEngineProperties(null, null, Duration.ofSeconds(1), 3, null))
                .hasMessageContaining("missed-heartbeats-limit must be at least 4 but was 3");
        assertThat(new JobEngineProperties(null, null, Duration.ofSeconds(1), null, null).deadAfter())
                .isEqualTo(Duration.ofSeconds(4));
    }
}
