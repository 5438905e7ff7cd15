package io.candlekeep.app.tracking;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.backfill.SymbolNotFound;
import io.candlekeep.app.bars.KnownSymbols;
import io.candlekeep.app.provider.ProviderChain;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.store.UserTransactions;
import io.candlekeep.app.web.BadRequestException;
import io.candlekeep.app.web.ConflictException;
import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import io.candlekeep.core.provider.ProviderCapabilities;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records interest in symbols and starts their backfill at once (planned on the job engine just after the answer). Recording or removing interest also settles each
 * symbol's priority from every user's interest, so it runs as the service; reading one user's interest runs in a
 * transaction scoped to that user ({@link UserTransactions}).
 */
@Service
public class TrackingService implements KnownSymbols {

    private static final Logger log = LoggerFactory.getLogger(TrackingService.class);

    /** Symbols one request may name. */
    static final int MAX_SYMBOLS_PER_REQUEST = 100;

    private final TrackingRepository repository;
    private final BackfillService backfill;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final TrackingProperties properties;
    private final CoverageService coverage;
    private final UserTransactions userTx;
    private final ProviderChain providers;
    private final SchedulerClient scheduler;

    // lazy: the job engine is built from the tasks, one of which plans what this service records
    TrackingService(TrackingRepository repository, BackfillService backfill, TransactionTemplate tx, Clock clock,
            TrackingProperties properties, CoverageService coverage, UserTransactions userTx, ProviderChain providers,
            @Lazy SchedulerClient scheduler) {
        this.providers = providers;
        this.scheduler = scheduler;
        this.coverage = coverage;
        this.userTx = userTx;
        this.repository = repository;
        this.backfill = backfill;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * What one tracking request did.
     *
     * @param jobsUpdated the tracked series (requested timeframes of the symbols the provider may know) whose jobs
     *                    are being planned in the background
     */
    public record Result(int symbolsTracked, int symbolsRequested, int timeframes, int jobsUpdated, InterestSource source) {
    }

    /**
     * Validates everything first, so a bad entry anywhere changes nothing; then records the interest and queues the
     * planning of its jobs in one transaction, and answers. Each symbol is kept in the timeframes its provider can
     * give: asked for another, the request is refused (400); left out, it gets all it can (a macro series 1d only). A
     * symbol of an asset class no provider is configured for (a macro series without a FRED API key) is refused with
     * what to configure (409). The jobs are planned on the job engine right after the commit ({@link InterestPlanner}):
     * planning a hundred symbols queues hundreds of slices, seconds of work on a busy writer, which the caller need not
     * wait for. The plan is durable: a process that dies after answering leaves it queued, and it runs when an
     * instance is up again.
     */
    public Result track(Caller caller, List<String> symbolTexts, String sourceText, List<String> timeframeTexts) {
        if (symbolTexts == null || symbolTexts.isEmpty()) {
            throw new BadRequestException("Field 'symbols' must list at least one symbol, such as [\"AAPL\"]");
        }
        if (symbolTexts.size() > MAX_SYMBOLS_PER_REQUEST) {
            throw new BadRequestException("Field 'symbols' lists " + symbolTexts.size() + " symbols; at most "
                    + MAX_SYMBOLS_PER_REQUEST + " may be tracked per request");
        }
        Set<Symbol> symbols = new LinkedHashSet<>();
        for (String text : symbolTexts) {
            symbols.add(Symbol.of(text));
        }
        InterestSource source = sourceText == null ? InterestSource.API : InterestSource.of(sourceText);
        Set<Timeframe> timeframes = EnumSet.noneOf(Timeframe.class);
        if (timeframeTexts == null) {
            timeframes.addAll(List.of(Timeframe.values()));
        } else if (timeframeTexts.isEmpty()) {
            throw new BadRequestException("Field 'timeframes' is empty: name at least one of 15m, 1h, 4h, 1d, or leave it out for all four");
        } else {
            for (String text : timeframeTexts) {
                timeframes.add(Timeframe.of(text));
            }
        }
        Map<Symbol, Set<Timeframe>> kept = new LinkedHashMap<>();
        Set<Timeframe> anyKept = EnumSet.noneOf(Timeframe.class);
        for (Symbol symbol : symbols) {
            kept.put(symbol, keptTimeframes(symbol, timeframes, timeframeTexts != null));
            anyKept.addAll(kept.get(symbol));
        }

        Instant now = clock.instant();
        List<Symbol> named = List.copyOf(symbols);
        // symbols kept in the same timeframes are recorded together: usually one group
        Map<Set<Timeframe>, List<Symbol>> groups = new LinkedHashMap<>();
        kept.forEach((symbol, tfs) -> groups.computeIfAbsent(tfs, k -> new ArrayList<>()).add(symbol));
        Map<Symbol, TrackedSymbol.Status> statuses = tx.execute(status -> {
            groups.forEach((tfs, group) -> repository.track(caller.userId(), group, source, tfs, now));
            scheduler.scheduleIfNotExists(InterestPlan.DESCRIPTOR.instance(UUID.randomUUID().toString())
                    .data(InterestPlan.of(named))
                    .priority(InterestPlan.PRIORITY)
                    .scheduledTo(now));
            return repository.statuses(named);
        });
        int jobsUpdated = named.stream().filter(s -> statuses.get(s) != TrackedSymbol.Status.NOT_FOUND)
                .mapToInt(s -> kept.get(s).size()).sum();
        log.info("[TRACKING] {} tracked for '{}' from {} in {}: {} series queued for planning", symbols, caller.name(),
                source.code(), anyKept, jobsUpdated);
        return new Result(symbols.size(), symbolTexts.size(), anyKept.size(), jobsUpdated, source);
    }

    /**
     * The timeframes {@code symbol} is kept in: of {@code wanted}, those the provider first asked for its asset class
     * fetches or derives. One it cannot give is refused when it was asked for by name, and left out otherwise.
     */
    private Set<Timeframe> keptTimeframes(Symbol symbol, Set<Timeframe> wanted, boolean named) {
        providers.findUnavailable(symbol.assetClass()).ifPresent(reason -> {
            throw new ConflictException("'" + symbol + "' cannot be tracked: " + reason);
        });
        ProviderCapabilities caps = providers.primaryFor(symbol.assetClass()).capabilities();
        Set<Timeframe> possible = EnumSet.noneOf(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            try {
                caps.sourceOf(tf);
                possible.add(tf);
            } catch (IllegalArgumentException cannotBuild) {
                // not this one
            }
        }
        Set<Timeframe> kept = EnumSet.copyOf(wanted);
        kept.retainAll(possible);
        if (named && !kept.equals(wanted) || kept.isEmpty()) {
            Set<Timeframe> refused = EnumSet.copyOf(wanted);
            refused.removeAll(possible);
            throw new BadRequestException("'" + symbol + "' (" + symbol.assetClass() + ") is kept in " + possible
                    + " only, not " + refused + ": ask for those, or leave 'timeframes' out");
        }
        return kept;
    }

    /**
     * Removes the caller's interest in {@code symbolText} from {@code sourceText} (every source when null). The
     * symbol keeps syncing for {@link TrackingProperties#linger()} after its last interest goes, then turns DORMANT.
     */
    public Removal untrack(Caller caller, String symbolText, String sourceText) {
        Symbol symbol = Symbol.of(symbolText);
        InterestSource source = sourceText == null ? null : InterestSource.of(sourceText);
        int removed = tx.execute(status -> repository.untrack(caller.userId(), symbol, source, clock.instant()));
        if (removed == 0) {
            throw new NotFoundException("User '" + caller.name() + "' has no interest in '" + symbol + "'"
                    + (source == null ? "" : " from " + source.code()));
        }
        TrackedSymbol tracked = repository.find(symbol).orElseThrow();
        Optional<Instant> dormantFrom = tracked.unwatchedSince().map(t -> t.plus(properties.linger()));
        log.info("[TRACKING] '{}' no longer watches {}{}", caller.name(), symbol,
                dormantFrom.map(t -> "; nobody does: it syncs until " + t).orElse(""));
        return new Removal(symbol, removed, tracked.trackingUsers(), dormantFrom);
    }

    /** What an untrack did: interests removed, users still behind the symbol, when it stops syncing if nobody is. */
    public record Removal(Symbol symbol, int interestsRemoved, int trackingUsers, Optional<Instant> syncsUntil) {
    }

    /**
     * One page of the tracked symbols, with coverage and job status. {@code total} counts every symbol the pages of
     * the query list together; {@code next} is the last symbol of this page when more follow.
     */
    public record TrackedPage(List<TrackedSymbolStatus> symbols, int total, Optional<Symbol> next) {
    }

    /**
     * One page of the tracked symbols of {@code user}, with their own interest sources, coverage and job status: a
     * fixed number of queries whatever the number of symbols (the page, the total, the user's sources of the page's
     * symbols, and the page's jobs, known holes and stored bars).
     */
    public TrackedPage statusOf(Caller user, TrackingListQuery query) {
        return page(Optional.of(user), query);
    }

    /** As {@link #statusOf(Caller, TrackingListQuery)} for every tracked symbol; {@code sources} names nobody's. */
    public TrackedPage statusOfAll(TrackingListQuery query) {
        return page(Optional.empty(), query);
    }

    private TrackedPage page(Optional<Caller> user, TrackingListQuery query) {
        Optional<Long> userId = user.map(Caller::userId);
        List<TrackedSymbol> rows = repository.page(userId, query);
        boolean more = rows.size() > query.limit();
        List<TrackedSymbol> symbols = more ? rows.subList(0, query.limit()) : rows;
        int total = !more && query.after().isEmpty() ? symbols.size() : repository.count(userId, query);
        Map<Symbol, List<InterestSource>> sources = user.isEmpty() || symbols.isEmpty() ? Map.of()
                : userTx.read(user.get().userId(), () -> repository.interestOf(user.get().userId(),
                        symbols.stream().map(TrackedSymbol::symbol).toList()));
        Map<Symbol, List<SeriesCoverage>> series = coverage.trackedCoverage(symbols);
        List<TrackedSymbolStatus> result = new ArrayList<>();
        for (TrackedSymbol t : symbols) {
            result.add(status(t, sources.getOrDefault(t.symbol(), List.of()), series.get(t.symbol())));
        }
        return new TrackedPage(result, total, more ? Optional.of(symbols.getLast().symbol()) : Optional.empty());
    }

    private static TrackedSymbolStatus status(TrackedSymbol t, List<InterestSource> sources, List<SeriesCoverage> series) {
        Instant lastUpdate = series.stream().map(SeriesCoverage::lastSync).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return new TrackedSymbolStatus(t.symbol().value(), t.assetClass().name(),
                sources.stream().map(InterestSource::code).toList(), t.source().code(), t.priority(),
                t.trackingUsers(), t.status().name(), t.statusReason().orElse(null), t.trackedSince(), lastUpdate,
                series);
    }

    /** The symbols {@code caller} is interested in from {@code source}. */
    public Set<Symbol> symbolsOf(Caller caller, InterestSource source) {
        Set<Symbol> result = new LinkedHashSet<>();
        interestOf(caller).forEach((symbol, sources) -> {
            if (sources.contains(source)) {
                result.add(symbol);
            }
        });
        return result;
    }

    /** The tracking status of each of {@code symbols} that is tracked; untracked ones are absent. */
    public Map<Symbol, TrackedSymbol.Status> statuses(Collection<Symbol> symbols) {
        return repository.statuses(symbols);
    }

    /** The symbols {@code caller} is interested in, from any source. */
    public Set<Symbol> symbolsOf(Caller caller) {
        return Set.copyOf(interestOf(caller).keySet());
    }

    /** Whether {@code caller} is interested in {@code symbol} from {@code source}. */
    public boolean hasInterest(Caller caller, Symbol symbol, InterestSource source) {
        return userTx.read(caller.userId(), () -> repository.hasInterest(caller.userId(), symbol, source));
    }

    private Map<Symbol, List<InterestSource>> interestOf(Caller caller) {
        return userTx.read(caller.userId(), () -> repository.interestOf(caller.userId()));
    }

    /** Turns symbols nobody has watched for longer than the linger DORMANT; answers which. */
    public List<Symbol> retireUnwatched() {
        Instant now = clock.instant();
        List<Symbol> retired = repository.retireUnwatched(now.minus(properties.linger()), now);
        if (!retired.isEmpty()) {
            log.info("[TRACKING] {} unwatched for more than {}: no longer refreshed, their bars kept", retired,
                    properties.linger());
        }
        return retired;
    }

    public List<TrackedSymbol> trackedSymbols() {
        return repository.findAll();
    }

    public Optional<TrackedSymbol> findTracked(Symbol symbol) {
        return repository.find(symbol);
    }

    @Override
    public boolean isKnown(Symbol symbol) {
        return repository.exists(symbol);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStarted() {
        planUnplannedSeries();
    }

    /**
     * Plans the tracked series that have no job. A request's interest commits with its queued plan
     * ({@link InterestPlan}), which the job engine runs even after a restart; this pass at start is the net below
     * that: interest recorded by a version that planned inside the request (and died before it had), or a plan lost
     * from the engine, is planned here. Answers how many symbols were planned.
     */
    int planUnplannedSeries() {
        int symbols = 0;
        for (TrackedSymbol tracked : repository.findAll()) {
            if (tracked.status() != TrackedSymbol.Status.ACTIVE) {
                continue;
            }
            Set<Timeframe> unplanned = EnumSet.noneOf(Timeframe.class);
            for (Timeframe tf : tracked.timeframes()) {
                boolean planned = backfill.jobFor(SeriesId.of(tracked.symbol(), tf))
                        .map(job -> job.series().timeframe() == tf || job.derived().contains(tf))
                        .orElse(false);
                if (!planned) {
                    unplanned.add(tf);
                }
            }
            if (!unplanned.isEmpty()) {
                backfill.ensureJobs(tracked.symbol(), unplanned, tracked.priority());
                symbols++;
            }
        }
        if (symbols > 0) {
            log.info("[TRACKING] {} tracked symbols had series without a job (a stop interrupted their request); planned now",
                    symbols);
        }
        return symbols;
    }

    @EventListener
    void on(SymbolNotFound event) {
        repository.markNotFound(event.symbol(), event.reason(), event.at());
        log.info("[TRACKING] {} marked not found: {}", event.symbol(), event.reason());
    }
}
