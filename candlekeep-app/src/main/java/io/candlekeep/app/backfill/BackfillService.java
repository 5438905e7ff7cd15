package io.candlekeep.app.backfill;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.gaps.GapDetector;
import io.candlekeep.core.plan.BackfillPlan;
import io.candlekeep.core.plan.BackfillPlanner;
import io.candlekeep.core.plan.PlanRequest;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderCapabilities;
import io.candlekeep.core.provider.ProviderSpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
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
    private final BarWriter writer;
    private final HistoryProvider provider;
    private final BackfillProperties props;
    private final JdbcClient jdbc;
    private final SeriesGaps gaps;
    private final KnownHoleRepository holes;
    private final HistoryDepthRepository depths;
    private final SeriesSourceRepository sources;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<SeriesId, Object> planLocks = new ConcurrentHashMap<>();

    /** Refetches after a split or dividend go before background work but after what users asked for. */
    static final int REFETCH_PRIORITY = 250;

    /** How long a completed sync counts as current; later requests plan a tail sync. */
    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    // lazy: the scheduler is built from the schedules, and some schedules plan backfills
    BackfillService(@Lazy SchedulerClient scheduler, CustomTask<SliceTask> sliceTask, SeriesJobRepository jobs,
            BarWriter writer, HistoryProvider provider, BackfillProperties props, JdbcClient jdbc, SeriesGaps gaps,
            KnownHoleRepository holes, HistoryDepthRepository depths, SeriesSourceRepository sources,
            TransactionTemplate tx, Clock clock) {
        this.scheduler = scheduler;
        this.sliceTask = sliceTask;
        this.jobs = jobs;
        this.writer = writer;
        this.provider = provider;
        this.props = props;
        this.jdbc = jdbc;
        this.gaps = gaps;
        this.holes = holes;
        this.depths = depths;
        this.sources = sources;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Makes sure every tracked timeframe of {@code symbol} has its history planned and queued at
     * {@code priority}. Answers how many of the tracked timeframes had their job created or updated.
     */
    public JobsUpdate ensureJobs(Symbol symbol, Set<Timeframe> tracked, int priority) {
        return ensureJobs(symbol, tracked, priority, SyncTrigger.INTEREST);
    }

    /**
     * @param updated tracked timeframes whose job was created, re-planned, raised or confirmed current
     * @param planned fetched series that got a new plan with at least one slice
     */
    public record JobsUpdate(int updated, int planned) {
    }

    /** As {@link #ensureJobs(Symbol, Set, int)}, for the reason {@code trigger} gives. */
    public JobsUpdate ensureJobs(Symbol symbol, Set<Timeframe> tracked, int priority, SyncTrigger trigger) {
        HistoryProvider primary = provider.primaryFor(symbol.assetClass());
        ProviderCapabilities caps = primary.capabilities();
        Map<Timeframe, Duration> windowBySource = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Set<Timeframe>> derivedBySource = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Integer> trackedBySource = new EnumMap<>(Timeframe.class);
        Instant now = clock.instant();
        for (Timeframe tf : tracked) {
            Timeframe source = caps.sourceOf(tf);
            windowBySource.merge(source, windowOf(SeriesId.of(symbol, tf), now), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            derivedBySource.computeIfAbsent(source, k -> EnumSet.noneOf(Timeframe.class));
            if (source != tf) {
                derivedBySource.get(source).add(tf);
            }
            trackedBySource.merge(source, 1, Integer::sum);
        }
        int updated = 0;
        int planned = 0;
        for (Map.Entry<Timeframe, Duration> e : windowBySource.entrySet()) {
            SeriesId fetched = SeriesId.of(symbol, e.getKey());
            synchronized (planLocks.computeIfAbsent(fetched, k -> new Object())) {
                Ensured result = ensureJob(fetched, e.getValue(), derivedBySource.get(e.getKey()), priority, primary,
                        trigger);
                if (result != Ensured.NOT_FOUND) {
                    updated += trackedBySource.get(e.getKey());
                }
                if (result == Ensured.PLANNED) {
                    planned++;
                }
            }
        }
        return new JobsUpdate(updated, planned);
    }

    /**
     * Fetched series whose last successful sync is older than {@code syncedBefore}; a first backfill still
     * running has never synced, but it is working, not lagging.
     */
    public List<SeriesId> laggingSeries(Instant syncedBefore) {
        return jobs.findLagging(syncedBefore);
    }

    /** The job that fills {@code series}: its own, or that of the series it is derived from. */
    public Optional<SeriesJob> jobFor(SeriesId series) {
        Timeframe source = capabilitiesFor(series.symbol()).sourceOf(series.timeframe());
        return jobs.find(SeriesId.of(series.symbol(), source));
    }

    /** What each tracked timeframe of a symbol is filled by: its job and its known holes, read once per symbol. */
    public record SymbolJobs(Map<Timeframe, SeriesJob> byFetched, Map<Timeframe, List<KnownHole>> holesByFetched,
            ProviderCapabilities caps) {

        public Optional<SeriesJob> jobFor(Timeframe timeframe) {
            return Optional.ofNullable(byFetched.get(caps.sourceOf(timeframe)));
        }

        public List<KnownHole> holesFor(Timeframe timeframe) {
            return holesByFetched.getOrDefault(caps.sourceOf(timeframe), List.of());
        }
    }

    public SymbolJobs jobsFor(Symbol symbol) {
        Map<Timeframe, SeriesJob> byFetched = new EnumMap<>(Timeframe.class);
        jobs.findBySymbol(symbol).forEach(j -> byFetched.put(j.series().timeframe(), j));
        return new SymbolJobs(byFetched, holes.findAll(symbol), capabilitiesFor(symbol));
    }

    /**
     * Which provider wrote which range of each fetched series of {@code symbol} last, oldest first, by fetched
     * timeframe (a derived 4h is filled by its 1h): one query.
     */
    public Map<Timeframe, List<ProviderSpan>> sourcesFor(Symbol symbol) {
        return sources.findAll(symbol);
    }

    /**
     * {@link #jobsFor(Symbol)} of each of {@code symbols} in two queries, however many they are (a page of a list,
     * a few hundred at most); every symbol asked is in the answer.
     */
    public Map<Symbol, SymbolJobs> jobsFor(Collection<Symbol> symbols) {
        Map<Symbol, Map<Timeframe, SeriesJob>> bySymbol = new HashMap<>();
        jobs.findBySymbols(symbols).forEach(j -> bySymbol.computeIfAbsent(j.series().symbol(),
                k -> new EnumMap<>(Timeframe.class)).put(j.series().timeframe(), j));
        Map<Symbol, Map<Timeframe, List<KnownHole>>> holesBySymbol = holes.findAll(symbols);
        Map<Symbol, SymbolJobs> result = new HashMap<>();
        for (Symbol symbol : symbols) {
            result.put(symbol, new SymbolJobs(bySymbol.getOrDefault(symbol, Map.of()),
                    holesBySymbol.getOrDefault(symbol, Map.of()), capabilitiesFor(symbol)));
        }
        return result;
    }

    /**
     * The capabilities plans for {@code symbol} follow: those of the provider first asked for its asset class (Binance
     * for crypto fetches 4h natively, Yahoo for stocks derives it from 1h).
     */
    private ProviderCapabilities capabilitiesFor(Symbol symbol) {
        return provider.primaryFor(symbol.assetClass()).capabilities();
    }

    public Duration window(Timeframe timeframe) {
        return props.window(timeframe);
    }

    /** The window of {@code series} now: its timeframe's, or longer when it must reach back further. */
    public Duration windowOf(SeriesId series) {
        return windowOf(series, clock.instant());
    }

    /**
     * The window of {@code series}: its timeframe's (a macro series' own, {@code candlekeep.backfill.macro-window}), or
     * longer when it must reach back further (history_depth).
     */
    Duration windowOf(SeriesId series, Instant now) {
        Duration window = series.symbol().assetClass() == AssetClass.MACRO ? props.macroWindow()
                : props.window(series.timeframe());
        return depths.from(series).map(from -> Duration.between(from, now)).filter(d -> d.compareTo(window) > 0)
                .orElse(window);
    }

    /**
     * Makes {@code series} reach back to the start of {@code from}'s UTC day (not before 1970), beyond its
     * timeframe's window; true when that is further back than it reached. A series without a job gets the deeper
     * window in its first plan; one with a job is fetched again over it, as after a split (refetch_pending): at once
     * when its plan is settled, else when the running plan settles.
     */
    public boolean deepenHistory(SeriesId series, Instant from) {
        Instant day = from.truncatedTo(ChronoUnit.DAYS);
        if (!depths.deepen(series, day.isBefore(Instant.EPOCH) ? Instant.EPOCH : day)) {
            return false;
        }
        jobs.find(series).ifPresent(job -> refetch(series));
        return true;
    }

    /**
     * Fetches {@code series} again over its recorded depth when its job was planned over less: called after a plan
     * that may have read the depth before {@link #deepenHistory} recorded a deeper one. The depth is written before
     * deepenHistory looks for the job and the job before this looks at the depth, so one of the two sees the other.
     */
    public void reachRecordedDepth(SeriesId series) {
        Optional<Instant> from = depths.from(series);
        Optional<SeriesJob> job = jobs.find(series);
        if (from.isPresent() && job.isPresent() && job.get().windowStart().isAfter(from.get())
                && job.get().status() != JobStatus.NOT_FOUND) {
            refetch(series);
        }
    }

    private void refetch(SeriesId series) {
        jobs.requestRefetch(series, clock.instant());
        if (jobs.takeRefetch(series)) {
            on(new RefetchRequested(series));
        }
    }

    private enum Ensured { PLANNED, CURRENT, NOT_FOUND }

    private Ensured ensureJob(SeriesId fetched, Duration window, Set<Timeframe> derived, int priority,
            HistoryProvider primary, SyncTrigger trigger) {
        ProviderCapabilities caps = primary.capabilities();
        Instant now = clock.instant();
        Optional<SeriesJob> existing = jobs.find(fetched);
        if (existing.isPresent() && existing.get().status() == JobStatus.NOT_FOUND) {
            return Ensured.NOT_FOUND;
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
            return Ensured.CURRENT;
        }
        if (existing.isPresent() && !needsPlan(existing.get(), window, now, trigger)) {
            if (!newlyDerived.isEmpty()) {
                jobs.addDerived(fetched, derived, now);
            }
            return Ensured.CURRENT;
        }
        // the planner floors the target start to a whole minute; the covered ranges must start from the same instant
        TimeRange target = TimeRange.of(now.minus(window).truncatedTo(ChronoUnit.MINUTES), now);
        List<TimeRange> covered = trigger instanceof SyncTrigger.Refetch ? List.of()
                : covered(fetched, target, now, trigger instanceof SyncTrigger.GapFill);
        BackfillPlan plan = trigger instanceof SyncTrigger.Refetch && fitsOneRequest(fetched.timeframe(), window, caps)
                // one slice is one transaction: readers see the old history or the new one, never a mix
                ? new BackfillPlan(fetched.timeframe(), List.of(target), Optional.empty())
                : BackfillPlanner.plan(PlanRequest.of(fetched.timeframe(), window, now, covered, caps));
        if (plan.slices().isEmpty() && existing.isPresent()) {
            // nothing to fetch: the job keeps its plan and its history
            if (!(trigger instanceof SyncTrigger.GapFill)) {
                // every bar the calendar expects up to now is stored final (or is a hole backing off): that is as
                // current as a sync could make it, so a stock is not "lagging" overnight or over a weekend. A gap
                // fill compared only the bars that have ended, so it proves nothing about the forming one.
                jobs.confirmSynced(fetched, now);
            }
            if (!newlyDerived.isEmpty()) {
                jobs.addDerived(fetched, derived, now);
            }
            return Ensured.CURRENT;
        }
        // the plan and all its slices commit together: a process killed half-way through queueing them would
        // leave a QUEUED job waiting for slices that were never queued, and no later request replans a QUEUED job.
        // Another instance on the same PostgreSQL may have planned the series since it was read: then its plan stands.
        long replacedSeq = existing.map(SeriesJob::jobSeq).orElse(0L);
        boolean started = Boolean.TRUE.equals(tx.execute(status -> {
            OptionalLong seqStarted = jobs.startPlan(fetched, replacedSeq, primary.name(), target.startInclusive(),
                    plan.beyondReach().map(TimeRange::endExclusive), plan.slices().size(), derived, now);
            if (seqStarted.isEmpty()) {
                return false;
            }
            long seq = seqStarted.getAsLong();
            // newest first: the engine orders equal priorities by execution time
            for (int i = 0; i < plan.slices().size(); i++) {
                SliceTask slice = SliceTask.of(fetched, seq, plan.slices().get(i));
                scheduler.scheduleIfNotExists(sliceTask.instanceBuilder(slice.instanceId())
                        .data(slice)
                        .priority(priority)
                        .scheduledTo(now.plusMillis(i)));
            }
            return true;
        }));
        if (!started) {
            log.info("[BACKFILL] {} was planned by another instance meanwhile; its plan stands", fetched);
            return Ensured.CURRENT;
        }
        if (!plan.slices().isEmpty()) {
            log.info("[BACKFILL] {} planned ({}): {} slices over {} (priority {})", fetched,
                    trigger.getClass().getSimpleName().toLowerCase(Locale.ROOT), plan.slices().size(), target,
                    priority);
        }
        return plan.slices().isEmpty() ? Ensured.CURRENT : Ensured.PLANNED;
    }

    /**
     * What the planner may treat as held: the target minus the bars the calendar expects that are not stored
     * as final, except known holes still backing off. A bar still forming is not final, so a tail sync
     * re-reads it, except for a gap fill, which looks only at bars that have ended. Gaps a few bars apart are
     * fetched as one range: one request beats several.
     */
    private List<TimeRange> covered(SeriesId fetched, TimeRange target, Instant now, boolean endedBarsOnly) {
        List<TimeRange> missing = endedBarsOnly ? gaps.missingEnded(fetched, target.startInclusive(), now, true)
                : gaps.missing(fetched, target, true);
        List<TimeRange> backingOff = holes.backingOff(fetched, now);
        List<TimeRange> wanted = new ArrayList<>();
        for (TimeRange gap : missing) {
            if (backingOff.stream().noneMatch(h -> !h.startInclusive().isAfter(gap.startInclusive())
                    && !h.endExclusive().isBefore(gap.endExclusive()))) {
                wanted.add(gap);
            }
        }
        return GapDetector.covered(target, mergeClose(wanted, BackfillPlanner.firstSliceSpanOf(fetched.timeframe())));
    }

    private static List<TimeRange> mergeClose(List<TimeRange> ranges, Duration closerThan) {
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange r : ranges) {
            if (!merged.isEmpty()) {
                TimeRange last = merged.getLast();
                if (Duration.between(last.endExclusive(), r.startInclusive()).compareTo(closerThan) < 0) {
                    merged.set(merged.size() - 1, TimeRange.of(last.startInclusive(), r.endExclusive()));
                    continue;
                }
            }
            merged.add(r);
        }
        return merged;
    }

    private static boolean fitsOneRequest(Timeframe timeframe, Duration window, ProviderCapabilities caps) {
        return caps.isNative(timeframe) && window.compareTo(caps.maxRangeOf(timeframe)) <= 0
                && caps.lookbackOf(timeframe).map(l -> window.compareTo(l) < 0).orElse(true);
    }

    /** A series whose history went stale as a whole (a split or dividend) is fetched again in full. */
    @EventListener
    void on(RefetchRequested event) {
        SeriesId series = event.series();
        Optional<SeriesJob> job = jobs.find(series);
        if (job.isEmpty()) {
            return;
        }
        Duration window = windowOf(series, clock.instant());
        for (Timeframe derived : job.get().derived()) {
            if (props.window(derived).compareTo(window) > 0) {
                window = props.window(derived);
            }
        }
        synchronized (planLocks.computeIfAbsent(series, k -> new Object())) {
            ensureJob(series, window, job.get().derived(), REFETCH_PRIORITY, provider.primaryFor(series.symbol().assetClass()),
                    SyncTrigger.REFETCH);
        }
    }

    private static boolean needsPlan(SeriesJob job, Duration window, Instant now, SyncTrigger trigger) {
        return switch (trigger) {
            case SyncTrigger.Interest i -> !isFresh(job, window, now);
            case SyncTrigger.Stale stale -> job.lastSync().map(t -> t.isBefore(now.minus(stale.maxAge()))).orElse(true)
                    || job.windowStart().isAfter(now.minus(window).plus(FRESH_FOR));
            case SyncTrigger.GapFill g -> true;
            case SyncTrigger.Refetch r -> true;
        };
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
