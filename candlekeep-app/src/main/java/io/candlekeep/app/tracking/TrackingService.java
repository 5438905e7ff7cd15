package io.candlekeep.app.tracking;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records interest in symbols and starts their backfill at once. Recording or removing interest also settles each
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

    TrackingService(TrackingRepository repository, BackfillService backfill, TransactionTemplate tx, Clock clock,
            TrackingProperties properties, CoverageService coverage, UserTransactions userTx, ProviderChain providers) {
        this.providers = providers;
        this.coverage = coverage;
        this.userTx = userTx;
        this.repository = repository;
        this.backfill = backfill;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** What one tracking request did. */
    public record Result(int symbolsTracked, int symbolsRequested, int timeframes, int jobsUpdated, InterestSource source) {
    }

    /**
     * Validates everything first, so a bad entry anywhere changes nothing; then records the interest and
     * queues the jobs. Each symbol is kept in the timeframes its provider can give: asked for another, the request is
     * refused (400); left out, it gets all it can (a macro series 1d only). A symbol of an asset class no provider is
     * configured for (a macro series without a FRED API key) is refused with what to configure (409).
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
        tx.executeWithoutResult(status -> kept.forEach((s, tfs) -> repository.track(caller.userId(), s, source, tfs, now)));

        int jobsUpdated = 0;
        for (Symbol symbol : symbols) {
            TrackedSymbol tracked = repository.find(symbol).orElseThrow();
            if (tracked.status() == TrackedSymbol.Status.NOT_FOUND) {
                continue;
            }
            int updated = backfill.ensureJobs(symbol, tracked.timeframes(), tracked.priority()).updated();
            jobsUpdated += Math.min(updated, kept.get(symbol).size());
        }
        log.info("[TRACKING] {} tracked for '{}' from {} in {}: {} jobs updated", symbols, caller.name(), source.code(),
                anyKept, jobsUpdated);
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

    /** The tracked symbols of {@code user}, with their own interest sources, coverage and job status. */
    public List<TrackedSymbolStatus> statusOf(Caller user) {
        Map<Symbol, List<InterestSource>> interest = interestOf(user);
        List<TrackedSymbolStatus> result = new ArrayList<>();
        for (TrackedSymbol t : repository.findAll()) {
            List<InterestSource> sources = interest.get(t.symbol());
            if (sources != null) {
                result.add(status(t, sources));
            }
        }
        return result;
    }

    /** Every tracked symbol, whoever is interested, with coverage and job status; {@code sources} names nobody's. */
    public List<TrackedSymbolStatus> statusOfAll() {
        return repository.findAll().stream().map(t -> status(t, List.of())).toList();
    }

    private TrackedSymbolStatus status(TrackedSymbol t, List<InterestSource> sources) {
        List<SeriesCoverage> series = coverage.trackedCoverage(t);
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
     * Plans the tracked series that have no job. Interest is committed before its jobs are planned, so a
     * process killed in between leaves such series behind; at start they are planned, and the interest is
     * not lost with the request that recorded it. Answers how many symbols were planned.
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
