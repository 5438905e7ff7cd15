package io.candlekeep.app.portfolio;

import io.candlekeep.app.backfill.BackfillService;
import io.candlekeep.app.security.Caller;
import io.candlekeep.app.tracking.TrackedSymbol;
import io.candlekeep.app.tracking.TrackingService;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.SeriesId;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a portfolio makes its owner interested in: every symbol traded (all timeframes, source {@code portfolio})
 * and the FX pairs to its base currency (daily closes are all a valuation needs).
 */
@Component
class PortfolioInterest {

    private static final List<String> FX_TIMEFRAMES = List.of(Timeframe.D1.code());

    private final TrackingService tracking;
    private final BackfillService backfill;

    PortfolioInterest(TrackingService tracking, BackfillService backfill) {
        this.tracking = tracking;
        this.backfill = backfill;
    }

    /** The symbol and the FX pair are tracked, their daily history reaching back to the trade's day. */
    @EventListener
    void on(TransactionRecorded event) {
        track(event.caller(), event.symbol(), null, event.time());
        event.fxPair().ifPresent(pair -> track(event.caller(), pair, FX_TIMEFRAMES, event.time()));
    }

    /**
     * Drops the caller's {@code portfolio} interest in symbols (and FX pairs) none of their portfolios needs any more,
     * after a portfolio or a transaction was deleted or corrected. Other interests in them stay.
     */
    @EventListener
    void on(PortfolioChanged event) {
        Set<Symbol> stale = new LinkedHashSet<>(tracking.symbolsOf(event.caller(), InterestSource.PORTFOLIO));
        stale.removeAll(event.stillNeeded());
        for (Symbol symbol : stale) {
            tracking.untrack(event.caller(), symbol.value(), InterestSource.PORTFOLIO.code());
        }
    }

    /** Whether {@code symbol} still needs its history started: not tracked, or dormant since nobody watched it. */
    boolean needsBackfill(Symbol symbol) {
        return needingBackfill(List.of(symbol)).contains(symbol);
    }

    /** Those of {@code symbols} that still need their history started, in one query. */
    Set<Symbol> needingBackfill(Collection<Symbol> symbols) {
        Map<Symbol, TrackedSymbol.Status> statuses = tracking.statuses(symbols);
        Set<Symbol> result = new LinkedHashSet<>();
        for (Symbol s : symbols) {
            TrackedSymbol.Status status = statuses.get(s);
            if (status == null || status == TrackedSymbol.Status.DORMANT) {
                result.add(s);
            }
        }
        return result;
    }

    /**
     * Tracks {@code symbol} for {@code caller} from their portfolio, its daily history from {@code tradedAt} on;
     * timeframes null means all four.
     */
    void track(Caller caller, Symbol symbol, List<String> timeframes, Instant tradedAt) {
        backfill.deepenHistory(SeriesId.of(symbol, Timeframe.D1), tradedAt);
        if (!needsBackfill(symbol) && tracking.hasInterest(caller, symbol, InterestSource.PORTFOLIO)) {
            return;
        }
        tracking.track(caller, List.of(symbol.value()), InterestSource.PORTFOLIO.code(), timeframes);
    }
}
