/**
 * Live prices: the latest quote of every tracked symbol, held in {@link io.candlekeep.app.live.LiveCache} for a
 * time that depends on the asset class, and folded into the still-forming bars of each tracked timeframe by
 * {@link io.candlekeep.app.live.LiveRefreshService} (never over a final bar). Quotes are served by
 * {@code GET /api/v1/quotes}, from the cache first and from the quote provider for misses.
 */
package io.candlekeep.app.live;
