package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.core.domain.Symbol;
import java.time.Instant;
import java.util.Optional;

/**
 * A transaction was recorded or corrected: its symbol, and the FX pair from its currency to the portfolio's base
 * currency when they differ, matter to {@code caller} now, with their daily history from {@code time} on.
 */
public record TransactionRecorded(Caller caller, long portfolioId, Symbol symbol, Optional<Symbol> fxPair,
        Instant time) {
}
