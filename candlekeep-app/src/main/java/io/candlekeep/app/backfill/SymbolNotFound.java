package io.candlekeep.app.backfill;

import io.candlekeep.core.domain.Symbol;
import java.time.Instant;

/** The provider reported {@code symbol} as unknown or delisted; its work stops and coverage says so. */
public record SymbolNotFound(Symbol symbol, String reason, Instant at) {
}
