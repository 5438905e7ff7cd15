package io.candlekeep.app.live;

import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.util.Map;
import java.util.Set;

/** The symbols whose live quotes matter, with the timeframes tracked for each: every ACTIVE tracked symbol. */
@FunctionalInterface
public interface LiveTargets {

    Map<Symbol, Set<Timeframe>> activeTimeframes();
}
