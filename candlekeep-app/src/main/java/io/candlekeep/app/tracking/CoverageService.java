package io.candlekeep.app.tracking;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SeriesGaps;
import io.candlekeep.app.backfill.SeriesJob;
import io.candlekeep.app.symbols.SymbolCalendars;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.calendar.Frequency;
import io.candlekeep.core.calendar.MarketCalendar;
import io.candlekeep.core.calendar.MarketCalendars;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.TimeRange;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderSpan;
import io.candlekeep.core.provider.ProviderSpans;
import io.candlekeep.core.store.BarStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Coverage per series: stored bars, expected bars, the job that fills it. Expected bars follow the symbol's calendar
 * ({@link SymbolCalendars}): a macro series expects one point per period of its frequency, and none for the periods
 * not yet due (still being published).
 */
@Service
public class CoverageService {

    private final TrackingRepository tracking;
    private final BackfillService backfill;
    private final BarStore store;
    private final SeriesGaps gaps;
    private final SymbolCalendars calendars;
    private final Clock clock;

    CoverageService(TrackingRepository tracking, BackfillService backfill, BarStore store, SeriesGaps gaps,
            SymbolCalendars calendars, Clock clock) {
        this.tracking = tracking;
        this.backfill = backfill;
        this.store = store;
        this.gaps = gaps;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Coverage of one symbol: its tracked timeframes and any other series with stored bars. */
    public SymbolCoverage getCoverage(Symbol symbol) {
        return coverageOf(symbol, false);
    }

    /**
     * As {@link #getCoverage}, with the gaps of each series: the runs of bars its calendar expects in its window
     * that are not stored, leaving out history beyond the provider's reach and the bar still forming.
     */
    public SymbolCoverage getCoverageWithGaps(Symbol symbol) {
        return coverageOf(symbol, true);
    }

    private SymbolCoverage coverageOf(Symbol symbol, boolean withGaps) {
        Optional<TrackedSymbol> tracked = tracking.find(symbol);
        BackfillService.SymbolJobs jobs = backfill.jobsFor(symbol);
        Map<Timeframe, List<ProviderSpan>> sources = backfill.sourcesFor(symbol);
        ExpectedBars expected = new ExpectedBars(clock.instant());
        List<SeriesCoverage> series = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            boolean isTracked = tracked.map(t -> t.timeframes().contains(tf)).orElse(false);
            Optional<BarStore.SeriesStats> stats = store.stats(SeriesId.of(symbol, tf));
            if (isTracked || stats.isPresent()) {
                List<ProviderSpan> spans = sources.getOrDefault(jobs.caps().sourceOf(tf), List.of());
                series.add(coverage(symbol, tf, isTracked, stats, jobs, withGaps, expected)
                        .withProviders(providersOf(SeriesId.of(symbol, tf), spans, stats)));
            }
        }
        if (tracked.isEmpty() && series.isEmpty()) {
            throw new NotFoundException("Symbol '" + symbol + "' is not tracked and has no stored bars; "
                    + "POST /api/v1/tracking with {\"symbols\":[\"" + symbol + "\"]} to track it");
        }
        return new SymbolCoverage(symbol.value(), symbol.assetClass().name(), calendars.of(symbol).name(),
                calendars.findFrequency(symbol).map(Frequency::code).orElse(null),
                tracked.map(t -> t.status().name()).orElse("UNTRACKED"),
                tracked.flatMap(TrackedSymbol::statusReason).orElse(null), series);
    }

    /** Symbols whose coverage one round of {@link #trackedCoverage(Collection)} reads. */
    static final int SYMBOLS_PER_ROUND = 500;

    /**
     * Coverage of the tracked timeframes of each of {@code symbols}, by symbol, in the order of their timeframes: three
     * queries (their jobs, their known holes, their stored bars) for each {@value #SYMBOLS_PER_ROUND} symbols, however
     * many series they have. A page of a list is one round.
     */
    public Map<Symbol, List<SeriesCoverage>> trackedCoverage(Collection<TrackedSymbol> symbols) {
        Map<Symbol, List<SeriesCoverage>> result = new HashMap<>();
        ExpectedBars expected = new ExpectedBars(clock.instant());
        List<TrackedSymbol> all = List.copyOf(symbols);
        for (int from = 0; from < all.size(); from += SYMBOLS_PER_ROUND) {
            List<TrackedSymbol> round = all.subList(from, Math.min(all.size(), from + SYMBOLS_PER_ROUND));
            Map<Symbol, BackfillService.SymbolJobs> jobs = backfill.jobsFor(round.stream().map(TrackedSymbol::symbol).toList());
            Map<SeriesId, BarStore.SeriesStats> stats = store.stats(round.stream()
                    .flatMap(t -> t.timeframes().stream().map(tf -> SeriesId.of(t.symbol(), tf))).toList());
            for (TrackedSymbol t : round) {
                List<SeriesCoverage> series = new ArrayList<>();
                for (Timeframe tf : t.timeframes()) {
                    series.add(coverage(t.symbol(), tf, true,
                            Optional.ofNullable(stats.get(SeriesId.of(t.symbol(), tf))), jobs.get(t.symbol()), false,
                            expected));
                }
                result.put(t.symbol(), series);
            }
        }
        return result;
    }

    private SeriesCoverage coverage(Symbol symbol, Timeframe tf, boolean tracked, Optional<BarStore.SeriesStats> stats,
            BackfillService.SymbolJobs jobs, boolean withGaps, ExpectedBars expectedBars) {
        Instant now = expectedBars.now();
        Optional<SeriesJob> job = jobs.jobFor(tf);
        // a fetched series may hold more than its own window: 1h is filled as far back as 4h needs
        Instant windowStart = now.minus(backfill.window(tf));
        if (job.isPresent() && job.get().series().timeframe() == tf && job.get().windowStart().isBefore(windowStart)) {
            windowStart = job.get().windowStart();
        }
        Instant beyond = job.flatMap(SeriesJob::beyondReachBefore).orElse(null);
        Instant expectedFrom = beyond != null && beyond.isAfter(windowStart) ? beyond : windowStart;
        MarketCalendar calendar = calendars.of(symbol);
        Instant due = calendars.dueBefore(symbol, now);
        // a macro series' newest periods are not due yet; every other series is expected up to now (walks shared)
        long expected = !due.equals(now) ? (due.isAfter(expectedFrom) ? calendar.expectedStarts(tf, expectedFrom, due).length : 0)
                : expectedBars.count(calendar, tf, expectedFrom);
        SeriesCoverage coverage = new SeriesCoverage(tf.code(), tracked,
                job.map(j -> j.series().timeframe().code()).orElse(null),
                stats.map(BarStore.SeriesStats::count).orElse(0L),
                stats.map(BarStore.SeriesStats::first).orElse(null),
                stats.map(BarStore.SeriesStats::last).orElse(null),
                windowStart, expected, null, null, beyond,
                job.flatMap(SeriesJob::lastSync).orElse(null),
                job.map(j -> j.status().name()).orElse(null),
                job.map(SeriesJob::slicesDone).orElse(null),
                job.map(SeriesJob::slicesFailed).orElse(null),
                job.map(SeriesJob::slicesTotal).orElse(null),
                job.flatMap(SeriesJob::lastError).orElse(null),
                jobs.holesFor(tf).stream()
                        .map(h -> new SeriesCoverage.Hole(h.range().startInclusive(), h.range().endExclusive(), h.attempts(),
                                h.nextRetry()))
                        .toList(),
                null);
        return withGaps ? coverage.withGaps(gapsOf(SeriesId.of(symbol, tf), calendar, expectedFrom, now)) : coverage;
    }

    /**
     * The spans of the series' providers over what it stores, with the stored bars in each: the series' count when
     * one span covers it all, else counted from one read of the series.
     */
    private List<SeriesCoverage.Source> providersOf(SeriesId series, List<ProviderSpan> spans,
            Optional<BarStore.SeriesStats> stats) {
        if (stats.isEmpty() || spans.isEmpty()) {
            return List.of();
        }
        TimeRange stored = TimeRange.of(stats.get().first(), stats.get().last().plus(series.timeframe().duration()));
        List<ProviderSpan> clipped = ProviderSpans.clip(spans, stored);
        if (clipped.size() == 1 && clipped.getFirst().range().equals(stored)) {
            ProviderSpan only = clipped.getFirst();
            return List.of(new SeriesCoverage.Source(only.provider(), only.startInclusive(), only.endExclusive(),
                    stats.get().count()));
        }
        if (clipped.isEmpty()) {
            return List.of();
        }
        BarSeries bars = store.read(series, clipped.getFirst().startInclusive(), clipped.getLast().endExclusive(),
                Integer.MAX_VALUE);
        List<SeriesCoverage.Source> sources = new ArrayList<>(clipped.size());
        int i = 0;
        for (ProviderSpan span : clipped) {
            long start = span.startInclusive().toEpochMilli();
            long end = span.endExclusive().toEpochMilli();
            while (i < bars.size() && bars.startMillis(i) < start) {
                i++;
            }
            long count = 0;
            while (i < bars.size() && bars.startMillis(i) < end) {
                count++;
                i++;
            }
            sources.add(new SeriesCoverage.Source(span.provider(), span.startInclusive(), span.endExclusive(), count));
        }
        return sources;
    }

    private List<SeriesCoverage.Gap> gapsOf(SeriesId series, MarketCalendar calendar, Instant startInclusive,
            Instant now) {
        return gaps.missingEnded(series, startInclusive, now, false).stream()
                .map(gap -> new SeriesCoverage.Gap(gap.startInclusive(), gap.endExclusive(),
                        calendar.expectedStarts(series.timeframe(), gap.startInclusive(), gap.endExclusive()).length))
                .toList();
    }

    /**
     * Coverage of one symbol across its series.
     *
     * @param frequency a macro series' native frequency ({@code monthly}, {@code weekly_friday}, ...), once its
     *                  provider has described it; null for every other symbol
     */
    public record SymbolCoverage(String symbol, String assetClass, String calendar, String frequency, String status,
            String statusReason, List<SeriesCoverage> timeframes) {
    }
}
