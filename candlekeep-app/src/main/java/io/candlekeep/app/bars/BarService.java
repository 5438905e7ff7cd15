package io.candlekeep.app.bars;

import io.candlekeep.app.web.NotFoundException;
import io.candlekeep.core.domain.BarSeries;
import io.candlekeep.core.store.BarStore;
import org.springframework.stereotype.Service;

/** Reads bars for the API through the hot cache. */
@Service
public class BarService {

    private final BarStore store;
    private final KnownSymbols knownSymbols;

    BarService(BarStore store, KnownSymbols knownSymbols) {
        this.store = store;
        this.knownSymbols = knownSymbols;
    }

    /** The bars the query names; 404 when the symbol is neither tracked nor stored. */
    public BarSeries read(BarQuery query) {
        BarSeries bars = store.read(query.series(), query.from(), query.to(), query.limit());
        if (bars.isEmpty() && !knownSymbols.isKnown(query.series().symbol()) && store.stats(query.series()).isEmpty()) {
            throw new NotFoundException("Symbol '" + query.series().symbol() + "' is not tracked and has no stored "
                    + query.series().timeframe() + " bars; POST /api/v1/tracking with {\"symbols\":[\""
                    + query.series().symbol() + "\"]} to track it");
        }
        return bars;
    }
}
