package io.candlekeep.app.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.candlekeep.app.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the schedules did and will do, and running one now. */
@Service
public class ScheduleService {

    private final List<ScheduledJob> jobs;
    private final SchedulerClient scheduler;
    private final ScheduleStateRepository states;
    private final ScheduleProperties props;
    private final Clock clock;

    ScheduleService(List<ScheduledJob> jobs, SchedulerClient scheduler, ScheduleStateRepository states,
            ScheduleProperties props, Clock clock) {
        this.jobs = jobs.stream().sorted(Comparator.comparing(ScheduledJob::id)).toList();
        this.scheduler = scheduler;
        this.states = states;
        this.props = props;
        this.clock = clock;
    }

    /** One schedule as monitoring shows it. */
    public record Status(String id, String title, Duration interval, Instant lastStarted, Instant lastFinished,
            String lastResult, Integer lastErrors, Boolean lastOk, long runs, Instant nextRun, boolean running) {
    }

    public List<Status> statuses() {
        return jobs.stream().map(this::status).toList();
    }

    public Status status(String id) {
        return status(find(id));
    }

    /**
     * Brings the next run of {@code id} forward to now and answers at once; when it is running already,
     * that run is the answer.
     */
    public boolean runNow(String id) {
        ScheduledJob job = find(id);
        TaskInstanceId instance = TaskInstanceId.of(job.id(), RecurringTask.INSTANCE);
        Optional<ScheduledExecution<Object>> execution = scheduler.getScheduledExecution(instance);
        if (execution.isEmpty() || execution.get().isPicked()) {
            return false;
        }
        try {
            return scheduler.reschedule(instance, clock.instant());
        } catch (TaskInstanceCurrentlyExecutingException pickedMeanwhile) {
            // an instance picked it between the look and the reschedule: that run is the answer
            return false;
        }
    }

    private Status status(ScheduledJob job) {
        Optional<ScheduleState> state = states.find(job.id());
        Optional<ScheduledExecution<Object>> next = scheduler.getScheduledExecution(
                TaskInstanceId.of(job.id(), RecurringTask.INSTANCE));
        return new Status(job.id(), job.title(), props.intervalOf(job),
                state.map(ScheduleState::lastStarted).orElse(null),
                state.map(ScheduleState::lastFinished).orElse(null),
                state.map(ScheduleState::lastSummary).orElse(null),
                state.map(ScheduleState::lastErrors).orElse(null),
                state.map(ScheduleState::lastOk).orElse(null),
                state.map(ScheduleState::runs).orElse(0L),
                next.map(ScheduledExecution::getExecutionTime).orElse(null),
                next.map(ScheduledExecution::isPicked).orElse(false));
    }

    private ScheduledJob find(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("No schedule '" + id + "'"));
    }
}
