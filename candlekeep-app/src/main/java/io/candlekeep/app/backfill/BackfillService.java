package io.candlekeep.app.backfill;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.plan.BackfillPlan;
import io.candlekeep.core.plan.BackfillPlanner;
import io.candlekeep.core.plan.PlanRequest;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns "these timeframes of this symbol matter" into backfill jobs: each fetched series gets a plan of
 * newest-first slices, queued once. A series whose plan is still running is not planned again; its
 * queued slices only take the higher priority.
 */
@Service
public class BackfillService {

    private static final Logger log = LoggerFactory.getLogger(BackfillService.class);

    private final SchedulerClient scheduler;
    private final CustomTask<SliceTask> sliceTask;
    private final SeriesJobRepository jobs;
    private final BarStore store;
    private final BarWriter writer;
    private final HistoryProvider provider;
    private final BackfillProperties props;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<SeriesId, Object> planLocks = new ConcurrentHashMap<>();

    /** How long a completed sync counts as current; later requests plan a tail sync. */
    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    BackfillService(SchedulerClient scheduler, CustomTask<SliceTask> sliceTask, SeriesJobRepository jobs, BarStore store,
            BarWriter writer, HistoryProvider provider, BackfillProperties props, JdbcClient jdbc, TransactionTemplate tx,
            Clock clock) {
        this.scheduler = scheduler;
        this.sliceTask = sliceTask;
        this.jobs = jobs;
        this.store = store;
        this.writer = writer;
        this.provider = provider;
        this.props = props;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Makes sure every tracked timeframe of {@code symbol} has its history planned and queued at
     * {@code priority}. Answers how many of the tracked timeframes had their job created or updated.
     */
    public int ensureJobs(Symbol symbol, Set<Timeframe> tracked, int priority) {
        ProviderCapabilities caps = provider.capabilities();
        Map<Timeframe, Duration> windowBySource = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Set<Timeframe>> derivedBySource = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Integer> trackedBySource = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : tracked) {
            Timeframe source = caps.sourceOf(tf);
            windowBySource.merge(source, props.window(tf), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            derivedBySource.computeIfAbsent(source, k -> EnumSet.noneOf(Timeframe.class));
            if (source != tf) {
                derivedBySource.get(source).add(tf);
            }
            trackedBySource.merge(source, 1, Integer::sum);
        }
        int updated = 0;
        for (Map.Entry<Timeframe, Duration> e : windowBySource.entrySet()) {
            SeriesId fetched = SeriesId.of(symbol, e.getKey());
            synchronized (planLocks.computeIfAbsent(fetched, k -> new Object())) {
                if (ensureJob(fetched, e.getValue(), derivedBySource.get(e.getKey()), priority, caps)) {
                    updated += trackedBySource.get(e.getKey());
                }
            }
        }
        return updated;
    }

    public List<SeriesJob> jobsOf(Symbol symbol) {
        return jobs.findBySymbol(symbol);
    }

    /** The job that fills {@code series}: its own, or that of the series it is derived from. */
    public Optional<SeriesJob> jobFor(SeriesId series) {
        Timeframe source = provider.capabilities().sourceOf(series.timeframe());
        return jobs.find(SeriesId.of(series.symbol(), source));
    }

    public Duration window(Timeframe timeframe) {
        return props.window(timeframe);
    }

    private boolean ensureJob(SeriesId fetched, Duration window, Set<Timeframe> derived, int priority,
            ProviderCapabilities caps) {
        Instant now = clock.instant();
        Optional<SeriesJob> existing = jobs.find(fetched);
        if (existing.isPresent() && existing.get().status() == JobStatus.NOT_FOUND) {
            return false;
        }
        Set<Timeframe> newlyDerived = EnumSet.noneOf(Timeframe.class);
        newlyDerived.addAll(derived);
        existing.ifPresent(job -> newlyDerived.removeAll(job.derived()));
        // a derived timeframe added to a series that already holds history is built from what is stored
        if (!newlyDerived.isEmpty() && existing.isPresent()) {
            writer.rederive(fetched, newlyDerived, TimeRange.of(now.minus(window), now));
        }
        if (existing.isPresent() && existing.get().status() == JobStatus.QUEUED) {
            if (!newlyDerived.isEmpty()) {
                jobs.addDerived(fetched, derived, now);
            }
            raisePriority(fetched, priority);
            return true;
        }
        if (existing.isPresent() && isFresh(existing.get(), window, now)) {
            if (!newlyDerived.isEmpty()) {
                jobs.addDerived(fetched, derived, now);
            }
            return true;
        }
        // the last stored bar counts as missing: a tail sync re-reads it (one bar of overlap), so a bar that
        // was still forming is replaced by its final version
        List<TimeRange> covered = store.stats(fetched)
                .filter(s -> s.last().isAfter(s.first()))
                .map(s -> List.of(TimeRange.of(s.first(), s.last())))
                .orElse(List.of());
        BackfillPlan plan = BackfillPlanner.plan(PlanRequest.of(fetched.timeframe(), window, now, covered, caps));
        // the plan and all its slices commit together: a process killed half-way through queueing them would
        // leave a QUEUED job waiting for slices that were never queued, and no later request replans a QUEUED job
        tx.executeWithoutResult(status -> {
            long seq = jobs.startPlan(fetched, provider.name(), now.minus(window),
                    plan.beyondReach().map(TimeRange::endExclusive), plan.slices().size(), derived, now);
            // newest first: the engine orders equal priorities by execution time
            for (int i = 0; i < plan.slices().size(); i++) {
                SliceTask slice = SliceTask.of(fetched, seq, plan.slices().get(i));
                scheduler.scheduleIfNotExists(sliceTask.instanceBuilder(slice.instanceId())
                        .data(slice)
                        .priority(priority)
                        .scheduledTo(now.plusMillis(i)));
            }
        });
        log.info("[BACKFILL] {} planned: {} slices over {} (priority {})", fetched, plan.slices().size(),
                TimeRange.of(now.minus(window), now), priority);
        return true;
    }

    /**
     * A complete job synced moments ago over at least the same window needs no new plan: a burst of
     * requests for one symbol plans it once.
     */
    private static boolean isFresh(SeriesJob job, Duration window, Instant now) {
        return job.status() == JobStatus.COMPLETE
                && job.lastSync().map(t -> t.isAfter(now.minus(FRESH_FOR))).orElse(false)
                && !job.windowStart().isAfter(now.minus(window).plus(FRESH_FOR));
    }

    private void raisePriority(SeriesId fetched, int priority) {
        String prefix = SliceTask.instanceIdPrefix(fetched);
        jdbc.sql("""
                UPDATE scheduled_tasks SET priority = :priority
                 WHERE task_name = :task AND substr(task_instance, 1, :len) = :prefix AND priority < :priority
                """)
                .param("priority", priority)
                .param("task", BackfillTasks.SLICE_TASK)
                .param("len", prefix.length())
                .param("prefix", prefix)
                .update();
    }
}
