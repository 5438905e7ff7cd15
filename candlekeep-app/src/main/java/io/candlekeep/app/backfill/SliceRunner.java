package io.candlekeep.app.backfill;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import io.candlekeep.app.bars.BarWriter;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.FetchOutcome;
import io.candlekeep.core.provider.HistoryProvider;
import io.candlekeep.core.provider.ProviderSpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs one slice: fetch, write, record the attempt, and decide what the engine does next — remove the
 * execution, or reschedule it with backoff. A provider fault never throws out of here.
 */
@Component
class SliceRunner {

    private static final Logger log = LoggerFactory.getLogger(SliceRunner.class);

    private final HistoryProvider provider;
    private final BarWriter writer;
    private final SeriesJobRepository jobs;
    private final BackfillRunRepository runs;
    private final ApplicationEventPublisher events;
    private final SeriesGaps gaps;
    private final KnownHoleRepository holes;
    private final CorporateActionRepository actions;
    private final SeriesSourceRepository sources;
    private final BackfillProperties props;
    private final Clock clock;

    SliceRunner(HistoryProvider provider, BarWriter writer, SeriesJobRepository jobs, BackfillRunRepository runs,
            ApplicationEventPublisher events, SeriesGaps gaps, KnownHoleRepository holes, CorporateActionRepository actions,
            SeriesSourceRepository sources, BackfillProperties props, Clock clock) {
        this.provider = provider;
        this.writer = writer;
        this.jobs = jobs;
        this.runs = runs;
        this.events = events;
        this.gaps = gaps;
        this.holes = holes;
        this.actions = actions;
        this.sources = sources;
        this.props = props;
        this.clock = clock;
    }

    CompletionHandler<SliceTask> run(SliceTask slice) {
        SeriesId series = slice.seriesId();
        Optional<SeriesJob> unknown = jobs.findBySymbol(series.symbol()).stream()
                .filter(job -> job.status() == JobStatus.NOT_FOUND).findFirst();
        if (unknown.isPresent()) {
            // Another slice already learnt that the provider does not know the symbol; asking again would only
            // repeat that. Marking again closes the jobs planned while that answer was coming in.
            String reason = unknown.get().lastError().orElse("not found");
            jobs.markNotFound(series.symbol(), reason, clock.instant());
            log.debug("[BACKFILL] {} {} dropped: {} is not found ({})", series, slice.range(), series.symbol(), reason);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant started = clock.instant();
        // the run names the provider first asked for the symbol's asset class until a later one answers with bars
        String providerName = provider.primaryFor(series.symbol().assetClass()).name();
        Optional<Long> opened = runs.start(slice, providerName, started);
        if (opened.isEmpty()) {
            // its worker stopped (killed, or the database went away) after the run was recorded, before the engine
            // removed the slice and perhaps before the plan was settled: settling again is harmless and closes it
            log.info("[BACKFILL] {} {} is finished in this plan already (its worker stopped before the engine removed "
                    + "it); not fetched again", series, slice.range());
            settle(slice, true, null, started);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        long runId = opened.get();
        FetchOutcome outcome = provider.fetch(series.symbol(), series.timeframe(), slice.range().startInclusive(),
                slice.range().endExclusive());
        return switch (outcome) {
            case FetchOutcome.Fetched fetched -> {
                var derived = jobs.find(series).map(SeriesJob::derived).orElse(java.util.Set.of());
                int rows = writer.write(series, fetched.bars(), derived);
                String answeredBy = fetched.provider().orElse(providerName);
                if (!fetched.bars().isEmpty()) {
                    sources.record(series, ProviderSpan.of(answeredBy, fetched.bars().getFirst().start(),
                            fetched.bars().getLast().start().plus(series.timeframe().duration())));
                }
                noticeCorporateActions(slice, fetched);
                recordHoles(slice);
                finish(slice, runId, RunStatus.SUCCEEDED, rows, null, answeredBy, started);
                log.debug("[BACKFILL] {} {}: {} bars, {} rows written", series, slice.range(), fetched.bars().size(), rows);
                yield new CompletionHandler.OnCompleteRemove<>();
            }
            case FetchOutcome.NoData noData -> {
                recordHoles(slice);
                finish(slice, runId, RunStatus.NO_DATA, 0, noData.reason(), started);
                yield new CompletionHandler.OnCompleteRemove<>();
            }
            case FetchOutcome.NotFound notFound -> {
                finish(slice, runId, RunStatus.NOT_FOUND, 0, notFound.reason(), started);
                Instant now = clock.instant();
                jobs.markNotFound(series.symbol(), notFound.reason(), now);
                events.publishEvent(new SymbolNotFound(series.symbol(), notFound.reason(), now));
                log.info("[BACKFILL] {} is unknown to {} ({}); it will not be retried", series.symbol(), providerName,
                        notFound.reason());
                yield new CompletionHandler.OnCompleteRemove<>();
            }
            case FetchOutcome.RateLimited limited -> {
                // a rate limit is the provider pacing us, not the slice failing: it does not use up attempts
                runs.finish(runId, RunStatus.RATE_LIMITED, 0, "rate limited", started, clock.instant());
                yield retryAfter(slice.rateLimited(), rateLimitWait(slice, limited), false);
            }
            case FetchOutcome.Failed failed -> {
                if (slice.attempt() >= props.maxAttempts()) {
                    finish(slice, runId, RunStatus.GAVE_UP, 0, failed.reason(), started);
                    log.warn("[BACKFILL] {} {} given up after {} attempts: {}", series, slice.range(), slice.attempt(),
                            failed.reason());
                    yield new CompletionHandler.OnCompleteRemove<>();
                }
                runs.finish(runId, RunStatus.FAILED, 0, failed.reason(), started, clock.instant());
                yield retryAfter(slice, backoff(slice.attempt()), true);
            }
        };
    }

    /**
     * After an answer, what the calendar expects in the slice but is still not stored is a known hole, asked
     * for again with growing backoff. Bars that have not ended yet are not holes, nor macro observations not yet due.
     */
    private void recordHoles(SliceTask slice) {
        SeriesId series = slice.seriesId();
        Instant now = clock.instant();
        Instant settled = now.minus(series.timeframe().duration());
        Instant end = slice.range().endExclusive().isBefore(settled) ? slice.range().endExclusive() : settled;
        if (!end.isAfter(slice.range().startInclusive())) {
            return;
        }
        Instant due = gaps.dueBefore(series, now);
        if (due.isBefore(end)) {
            end = due;
            if (!end.isAfter(slice.range().startInclusive())) {
                return;
            }
        }
        TimeRange answered = TimeRange.of(slice.range().startInclusive(), end);
        holes.record(series, answered, gaps.missing(series, answered, false), props.holeBackoff(), now);
    }

    private void finish(SliceTask slice, long runId, RunStatus status, int rows, String error, Instant started) {
        finish(slice, runId, status, rows, error, null, started);
    }

    private void finish(SliceTask slice, long runId, RunStatus status, int rows, String error, String answeredBy,
            Instant started) {
        Instant now = clock.instant();
        if (!runs.finish(runId, status, rows, error, answeredBy, started, now)) {
            // taken for dead (its heartbeats did not reach the database) while it worked: the worker that took the
            // slice over records it; what this one wrote is the same rows, so it changes nothing
            log.info("[BACKFILL] {} {} was taken over by another worker while this one ran; its run stays INTERRUPTED",
                    slice.seriesId(), slice.range());
            return;
        }
        settle(slice, status == RunStatus.SUCCEEDED || status == RunStatus.NO_DATA, error, now);
    }

    /** Closes the slice's plan when every slice of it is finished (idempotent), then starts a refetch it waited for. */
    private void settle(SliceTask slice, boolean succeeded, String error, Instant now) {
        jobs.settle(slice.seriesId(), slice.jobSeq(), succeeded,
                succeeded ? Optional.empty() : Optional.ofNullable(error), now);
        if (jobs.takeRefetch(slice.seriesId())) {
            events.publishEvent(new RefetchRequested(slice.seriesId()));
        }
    }

    /**
     * A split or dividend first seen after the series' first backfill makes its stored daily history stale
     * (DESIGN §6 rule 6): the daily series is fetched again as a whole once the current plan settles.
     */
    private void noticeCorporateActions(SliceTask slice, FetchOutcome.Fetched fetched) {
        if (fetched.actions().isEmpty()) {
            return;
        }
        SeriesId series = slice.seriesId();
        var fresh = actions.recordNew(series.symbol(), fetched.actions(), clock.instant());
        if (fresh.isEmpty() || slice.jobSeq() <= 1) {
            return;
        }
        SeriesId daily = SeriesId.of(series.symbol(), Timeframe.D1);
        jobs.requestRefetch(daily, clock.instant());
        log.info("[BACKFILL] {} reported {}; its daily history will be fetched again", series.symbol(), fresh);
        if (!daily.equals(series) && jobs.takeRefetch(daily)) {
            events.publishEvent(new RefetchRequested(daily));
        }
    }

    private CompletionHandler<SliceTask> retryAfter(SliceTask slice, Duration wait, boolean countsAsAttempt) {
        SliceTask data = countsAsAttempt ? slice.nextAttempt() : slice;
        log.info("[BACKFILL] {} {} retry in {} ms (attempt {})", slice.seriesId(), slice.range(), wait.toMillis(),
                data.attempt());
        // The engine compares execution times with its own clock, which need not be the application's (a test
        // may pin that to a past date): the wait is measured from the engine's instant of completion.
        return (complete, ops) -> ops.reschedule(complete, complete.getTimeDone().plus(wait), data);
    }

    /**
     * The wait after a rate limit: the provider's {@code Retry-After} at least, and a backoff that grows with each
     * rate limit in a row. Without that growth a provider that keeps refusing (Yahoo's 429 carries no
     * {@code Retry-After}) would be asked again at the same pace for ever, by every queued slice.
     */
    Duration rateLimitWait(SliceTask slice, FetchOutcome.RateLimited limited) {
        Duration wait = backoff(slice.attempt() + slice.rateLimits());
        return limited.retryAfter().filter(retryAfter -> retryAfter.compareTo(wait) > 0).orElse(wait);
    }

    /** Exponential backoff with full jitter: uniform in [initial/2, min(max, initial * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long initial = props.retryInitialBackoff().toMillis();
        long cap = props.retryMaxBackoff().toMillis();
        long ceiling = Math.min(cap, initial << Math.min(attempt - 1, 20));
        long floor = Math.min(initial / 2, ceiling);
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
