package io.candlekeep.core.provider;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;

/** A source of historical bars. Implementations answer with a value and never throw for provider faults. */
public interface HistoryProvider {

    /** A short stable name such as {@code yahoo} or {@code simulated}. */
    String name();

    ProviderCapabilities capabilities();

    /**
     * The provider whose name and capabilities plans for symbols of {@code assetClass} follow: which timeframes are
     * fetched natively and which derived, how far back, how wide a slice. A single provider is its own; a chain of
     * providers answers the first one it would ask for that class, so crypto can be planned on one provider's
     * capabilities and stocks on another's.
     */
    default HistoryProvider primaryFor(AssetClass assetClass) {
        return this;
    }

    /**
     * Bars of a native {@code timeframe} starting in {@code [startInclusive, endExclusive)}, aligned to the
     * symbol's calendar, with the still-forming bar marked not final.
     */
    FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive);
}
