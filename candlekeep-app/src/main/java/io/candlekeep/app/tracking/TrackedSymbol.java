package io.candlekeep.app.tracking;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A symbol with at least one interest, and the timeframes kept for it. */
public record TrackedSymbol(Symbol symbol, AssetClass assetClass, InterestSource source, int priority, Status status,
        Optional<String> statusReason, Instant trackedSince, Set<Timeframe> timeframes) {

    public enum Status {
        ACTIVE,
        /** The provider does not know the symbol (unknown or delisted); it is no longer fetched. */
        NOT_FOUND
    }
}
