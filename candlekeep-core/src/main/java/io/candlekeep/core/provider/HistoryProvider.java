package io.candlekeep.core.provider;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;

/** A source of historical bars. Implementations answer with a value and never throw for provider faults. */
public interface HistoryProvider {

    /** A short stable name such as {@code yahoo} or {@code simulated}. */
    String name();

    ProviderCapabilities capabilities();

    /**
     * Bars of a native {@code timeframe} starting in {@code [startInclusive, endExclusive)}, aligned to the
     * symbol's calendar, with the still-forming bar marked not final.
     */
    FetchOutcome fetch(Symbol symbol, Timeframe timeframe, Instant startInclusive, Instant endExclusive);
}
