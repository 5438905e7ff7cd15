package io.candlekeep.app.bars;

import io.candlekeep.core.domain.Symbol;

/** Tells the bars API whether an empty answer means "not yet written" or "never heard of it". */
public interface KnownSymbols {

    boolean isKnown(Symbol symbol);
}
