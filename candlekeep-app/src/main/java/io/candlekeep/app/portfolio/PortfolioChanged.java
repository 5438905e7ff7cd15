package io.candlekeep.app.portfolio;

import io.candlekeep.app.security.Caller;
import io.candlekeep.core.domain.Symbol;
import java.util.Set;

/**
 * Something left {@code caller}'s portfolios (a deleted portfolio, a deleted or corrected transaction):
 * {@code stillNeeded} is every symbol and FX pair their portfolios still hold or traded.
 */
public record PortfolioChanged(Caller caller, Set<Symbol> stillNeeded) {
}
