package io.candlekeep.app.tracking;

import io.candlekeep.core.domain.AssetClass;
import io.candlekeep.core.domain.InterestSource;
import io.candlekeep.core.domain.Symbol;
import io.candlekeep.core.domain.Timeframe;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A symbol with at least one interest (or one that lost its last interest and still lingers), and the timeframes
 * kept for it. {@code trackingUsers} counts the users behind it.
 */
public record TrackedSymbol(Symbol symbol, AssetClass assetClass, InterestSource source, int priority, Status status,
        Optional<String> statusReason, Instant trackedSince, Set<Timeframe> timeframes, int trackingUsers,
        Optional<Instant> unwatchedSince) {

    public enum Status {
        ACTIVE,
        /** The provider does not know the symbol (unknown or delisted); it is no longer fetched. */
        NOT_FOUND,
        /** Nobody has watched it for longer than the linger: no longer refreshed, its data kept. */
        DORMANT
    }
}
