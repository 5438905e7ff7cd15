package io.candlekeep.app.tracking;

import java.time.Instant;
import java.util.List;

/**
 * A tracked symbol as one user sees it. {@code sources} are that user's own reasons; {@code source} and
 * {@code priority} are the symbol's, from the strongest interest of any user; {@code lastUpdate} is the newest sync
 * of any of its series.
 */
public record TrackedSymbolStatus(String symbol, String assetClass, List<String> sources, String source, int priority,
        int trackingUsers, String status, String statusReason, Instant trackedSince, Instant lastUpdate,
        List<SeriesCoverage> timeframes) {
}
